/**
 * A user's own test: a service that follows up on unanswered messages after
 * a day, tested with `InMemoryMessagesApi` instead of the network and
 * `TestClock` instead of waiting a day.
 */
import { MessagesApi } from "@convore/client"
import { InMemoryMessagesApi, MessageStore } from "@convore/testing"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"

/** Sends a message, and a follow-up if nobody has answered it a day later. */
const sendWithFollowUp = (to: string, body: string) =>
  Effect.gen(function*() {
    const api = yield* MessagesApi
    const sent = yield* api.sendMessage({ channel_id: "chnnl_sales", to: [to], body })
    yield* Effect.sleep("24 hours")
    const conversation = yield* api.listMessages({ conversation_id: sent.conversation_id })
    const answered = conversation.data.some((message) => message.direction === "inbound")
    if (!answered) yield* api.sendMessage({ reply_to_message_id: sent.id, body: "Just following up on this." })
    return answered
  })

describe("sendWithFollowUp", () => {
  it.effect("follows up after a day without an answer", () =>
    Effect.gen(function*() {
      const fiber = yield* Effect.fork(sendWithFollowUp("bob@example.com", "Shall we talk pricing?"))
      yield* TestClock.adjust("23 hours")
      expect((yield* (yield* MessageStore).messages).length).toBe(1)
      yield* TestClock.adjust("1 hour")
      expect(yield* Fiber.join(fiber)).toBe(false)
      const messages = yield* (yield* MessageStore).messages
      expect(messages.map((m) => m.body)).toEqual(["Just following up on this.", "Shall we talk pricing?"])
    }).pipe(Effect.provide(InMemoryMessagesApi.layer())))

  it.effect("stays quiet when the customer answered", () =>
    Effect.gen(function*() {
      const api = yield* MessagesApi
      const fiber = yield* Effect.fork(sendWithFollowUp("bob@example.com", "Shall we talk pricing?"))
      yield* TestClock.adjust("2 hours")
      const [sent] = yield* (yield* MessageStore).messages
      yield* api.importMessage({
        conversation_id: sent!.conversation_id,
        date: sent!.date,
        sender: { handle: { type: "email", value: "bob@example.com" }, role: "from" },
        recipients: [],
        body: "Yes, Tuesday?"
      })
      yield* TestClock.adjust("22 hours")
      expect(yield* Fiber.join(fiber)).toBe(true)
      expect((yield* (yield* MessageStore).messages).length).toBe(2)
    }).pipe(Effect.provide(InMemoryMessagesApi.layer())))
})
