import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Effect, Schema, Stream } from "effect"
import { Fixtures, InMemoryMessagesApi, MessageStore } from "../src/index.js"
import { contractSuite } from "./contract.js"

contractSuite("in-memory", () => InMemoryMessagesApi.layer({ messages: Fixtures.conversations }))

describe("in-memory store, on generated messages", () => {
  it.effect.prop(
    "lists any messages newest first, each exactly once across pages of any size",
    [
      Arbitrary.array(Fixtures.arbitraries.Message, { maxLength: 40 }),
      Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: 1, maximum: 10 })))
    ],
    ([generated, limit]) =>
      Effect.gen(function*() {
        const unique = [...new Map(generated.map((m) => [m.id, m])).values()]
        const api = yield* MessagesApi
        const store = yield* MessageStore
        yield* store.insert(unique)
        const listed = yield* Stream.runCollect(api.streamMessages({ limit }))
        const expected = [...unique].sort((a, b) =>
          DateTime.toEpochMillis(b.date) - DateTime.toEpochMillis(a.date) || (a.id < b.id ? 1 : -1)
        )
        expect(listed.map((m) => m.id)).toEqual(expected.map((m) => m.id))
      }).pipe(Effect.provide(InMemoryMessagesApi.layer())),
    { arbitrary: { runs: 100 } }
  )
})
