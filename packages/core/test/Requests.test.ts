import {
  describeIssue,
  firstIssue,
  IdempotencyKey,
  ImportMessageRequest,
  ListMessagesParams,
  PathId,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Either, Schema } from "effect"

const problem = <A, I>(schema: Schema.Schema<A, I>, input: unknown): string => {
  const result = Schema.encodeUnknownEither(schema)(input)
  if (Either.isRight(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return describeIssue(firstIssue(result.left))
}

const participant = { handle: { type: "email", value: "ada@example.com" }, role: "from" } as const

describe("SendMessageRequest", () => {
  it("encodes to exactly the wire JSON, absent fields left out", () => {
    const wire = Schema.encodeSync(SendMessageRequest)({
      channel_id: "chnnl_1",
      from: "ada@example.com",
      to: ["bob@example.com"],
      body: "Hello"
    })
    expect(JSON.stringify(wire)).toBe(
      "{\"channel_id\":\"chnnl_1\",\"from\":\"ada@example.com\",\"to\":[\"bob@example.com\"],\"body\":\"Hello\"}"
    )
  })

  it("accepts a reply without a channel", () => {
    expect(Schema.encodeSync(SendMessageRequest)({ reply_to_message_id: "msg_1", body: "Hi" })).toEqual({
      reply_to_message_id: "msg_1",
      body: "Hi"
    })
  })

  it("needs channel_id or reply_to_message_id", () => {
    expect(problem(SendMessageRequest, { body: "Hello" })).toBe(
      "a message to send needs channel_id or reply_to_message_id"
    )
  })

  it("needs a body, and non-empty ids", () => {
    expect(problem(SendMessageRequest, { channel_id: "chnnl_1" })).toBe("at body: is missing")
    expect(problem(SendMessageRequest, { channel_id: "", body: "x" })).toBe(
      "at channel_id: an id must be a non-empty string"
    )
  })

  it("refuses null for an optional field instead of sending it", () => {
    expect(problem(SendMessageRequest, { channel_id: "c", body: "x", subject: null })).toContain("at subject:")
  })
})

describe("ImportMessageRequest", () => {
  const base = {
    conversation_id: "cnv_1",
    date: DateTime.unsafeMake("2024-03-08T12:00:00+02:00"),
    sender: participant,
    recipients: []
  }

  it("encodes the date as RFC 3339 in UTC", () => {
    expect(Schema.encodeSync(ImportMessageRequest)(base)).toEqual({
      conversation_id: "cnv_1",
      date: "2024-03-08T10:00:00.000Z",
      sender: participant,
      recipients: []
    })
  })

  it("needs conversation_id or channel_id", () => {
    const { conversation_id: _, ...rest } = base
    expect(problem(ImportMessageRequest, rest)).toBe("a message to import needs conversation_id or channel_id")
  })

  it("needs a date, sender and recipients, and a date that is a DateTime", () => {
    const { date: _, ...withoutDate } = base
    expect(problem(ImportMessageRequest, withoutDate)).toBe("at date: is missing")
    expect(problem(ImportMessageRequest, { ...base, date: "yesterday" })).toContain("at date:")
    expect(problem(ImportMessageRequest, { ...base, sender: undefined })).toContain("at sender:")
  })

  it("refuses an enum typo", () => {
    expect(problem(ImportMessageRequest, { ...base, direction: "inbund" })).toContain(
      "at direction: Expected one of \"inbound\", \"outbound\", got \"inbund\""
    )
  })
})

describe("UpdateMessageRequest", () => {
  it("encodes only the fields it carries", () => {
    expect(Schema.encodeSync(UpdateMessageRequest)({ subject: "New" })).toEqual({ subject: "New" })
    expect(Schema.encodeSync(UpdateMessageRequest)({})).toEqual({})
  })
})

describe("ListMessagesParams", () => {
  it.each([1, 50, 100])("accepts limit %d", (limit) => {
    expect(Schema.encodeSync(ListMessagesParams)({ limit })).toEqual({ limit })
  })

  it.each([0, 101, 1.5, -1, Number.NaN])("refuses limit %d with a readable message", (limit) => {
    expect(problem(ListMessagesParams, { limit })).toBe(
      `at limit: limit must be an integer from 1 to 100, got ${String(limit)}`
    )
  })

  it("refuses a limit given as a string, an empty cursor and an unknown format", () => {
    expect(problem(ListMessagesParams, { limit: "10" })).toBe("at limit: Expected number, actual \"10\"")
    expect(problem(ListMessagesParams, { cursor: "" })).toBe("at cursor: a cursor must be a non-empty string")
    expect(problem(ListMessagesParams, { format: "compact" })).toContain("at format:")
  })
})

describe("the URL and header rules shared with @convore/wire", () => {
  it("let a good id, cursor and key through, and refuse bad ones with their words", () => {
    expect(Schema.encodeSync(PathId)("msg_1")).toBe("msg_1")
    expect(Schema.encodeSync(ListMessagesParams)({ cursor: "c\uD83D\uDE00" })).toEqual({ cursor: "c\uD83D\uDE00" })
    expect(Schema.encodeSync(IdempotencyKey)("key-1")).toBe("key-1")
    expect(problem(PathId, "a/b")).toBe("an id cannot contain \"/\"")
    expect(problem(ListMessagesParams, { conversation_id: "c\uDC00" })).toBe(
      "at conversation_id: a lone UTF-16 surrogate cannot be sent in a URL (the string is not well-formed)"
    )
    expect(problem(IdempotencyKey, "clé")).toBe("an idempotency key is 1 to 255 printable ASCII characters")
  })
})
