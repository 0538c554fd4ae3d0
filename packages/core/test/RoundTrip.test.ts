import {
  Attachment,
  ContactHandle,
  ImportMessageRequest,
  ListMessagesParams,
  Message,
  MessageParticipant,
  PageMessage,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"

// encode → JSON text → parse → decode gives back the value, for every model and request
const roundTrips = <A, I>(schema: Schema.Schema<A, I>) => (value: A) => {
  const wire = JSON.parse(JSON.stringify(Schema.encodeSync(schema)(value)))
  expect(Schema.decodeUnknownSync(schema)(wire)).toEqual(value)
}

describe("encode → JSON → decode round-trips", () => {
  const schemas = {
    ContactHandle,
    MessageParticipant,
    Attachment,
    Message,
    PageMessage,
    SendMessageRequest,
    ImportMessageRequest,
    UpdateMessageRequest,
    ListMessagesParams
  }
  for (const [name, schema] of Object.entries(schemas)) {
    it.prop(
      name,
      [schema as Schema.Schema<unknown, unknown>],
      ([value]) => roundTrips(schema as Schema.Schema<unknown, unknown>)(value),
      {
        fastCheck: { numRuns: name === "PageMessage" ? 30 : 200 }
      }
    )
  }
})
