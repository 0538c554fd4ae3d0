/**
 * The contract suite: what every implementation of `MessagesApi` must do,
 * after `../shared/contract/README.md`. `InMemory.test.ts` runs it against
 * the in-memory layer and `MockServer.test.ts` against the HTTP client
 * talking to the mock server, so the fake behaves like the real path.
 */
import { MessagesApi } from "@convore/client"
import type { Message, MessagesApiError } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, type Layer, Stream } from "effect"
import { Fixtures, MessageStore } from "../src/index.js"

/** Everything a contract test runs with. */
export type ContractContext = MessagesApi | MessageStore

const ada = { name: "Ada", handle: { type: "email", value: "ada@example.com" }, role: "from" } as const
const bob = { name: null, handle: { type: "email", value: "bob@example.com" }, role: "to" } as const
const { salesThread, supportThread, teamChat } = Fixtures
const seeded = Fixtures.conversations.length

/** Listing order: newest `date` first, ties by `id`, higher first. */
const listingOrder = (a: Message, b: Message) =>
  DateTime.toEpochMillis(b.date) - DateTime.toEpochMillis(a.date) || (a.id < b.id ? 1 : -1)

const tagOf = <A, R>(effect: Effect.Effect<A, MessagesApiError, R>) => Effect.map(Effect.flip(effect), (e) => e._tag)

/** Runs the contract suite against the layer `fresh()` makes (a fresh store with the fixtures in it, each test). */
export const contractSuite = (name: string, fresh: () => Layer.Layer<ContractContext, unknown>) => {
  const test = (title: string, body: () => Effect.Effect<void, unknown, ContractContext>) =>
    it.effect(title, () => Effect.provide(body(), fresh()))

  describe(`${name}: getMessage`, () => {
    test("answers a stored message as it is", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const expected = supportThread[3]!
        expect(yield* api.getMessage(expected.id)).toEqual(expected)
      }))

    test("answers NotFound for an unknown id, InvalidRequest for an impossible one", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        expect(yield* tagOf(api.getMessage("msg_does_not_exist"))).toBe("NotFound")
        expect(yield* tagOf(api.getMessage("../v1"))).toBe("InvalidRequest")
      }))
  })

  describe(`${name}: listMessages`, () => {
    test("lists newest first by date, ties broken by id, with total_count", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const store = yield* MessageStore
        const date = DateTime.makeUnsafe("2030-01-01T00:00:00Z")
        const a = yield* api.importMessage({ channel_id: "chnnl_t", date, sender: ada, recipients: [bob] })
        const b = yield* api.importMessage({ channel_id: "chnnl_t", date, sender: ada, recipients: [bob] })
        const page = yield* api.listMessages({ limit: 5 })
        const all = [...Fixtures.conversations, a, b].sort(listingOrder)
        expect(page.data.map((m) => m.id)).toEqual(all.slice(0, 5).map((m) => m.id))
        expect(page.data.slice(0, 2).map((m) => m.id)).toEqual([a.id, b.id].sort().reverse())
        expect(page.total_count).toBe(seeded + 2)
        expect((yield* store.messages).length).toBe(seeded + 2)
      }))

    test("gives exactly `limit` messages, filtered by conversation_id", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const page = yield* api.listMessages({ conversation_id: teamChat[0]!.conversation_id, limit: 7 })
        expect(page.data).toHaveLength(7)
        expect(page.data.every((m) => m.conversation_id === teamChat[0]!.conversation_id)).toBe(true)
        expect(page.total_count).toBe(teamChat.length)
        expect(typeof page.next_cursor).toBe("string")
        const one = yield* api.listMessages({ limit: 1 })
        expect(one.data).toHaveLength(1)
        const unknown = yield* api.listMessages({ conversation_id: "cnv_nobody" })
        expect(unknown.data).toEqual([])
        expect(unknown.next_cursor ?? null).toBeNull()
      }))

    test("defaults to pages of 100 and refuses limits outside 1..100", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const store = yield* MessageStore
        yield* store.insert(Fixtures.conversation({
          conversationId: "cnv_big",
          channelId: "chnnl_big",
          subject: "Big",
          people: [{ name: "A", address: "a@x.example" }, { name: "B", address: "b@x.example" }],
          messages: 150,
          start: "2020-01-01T00:00:00Z"
        }))
        expect((yield* api.listMessages()).data).toHaveLength(100)
        expect(yield* tagOf(api.listMessages({ limit: 0 }))).toBe("InvalidRequest")
        expect(yield* tagOf(api.listMessages({ limit: 101 }))).toBe("InvalidRequest")
      }))

    test("with format=minimal leaves out body, text_body, raw_body and attachments", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const conversation_id = supportThread[0]!.conversation_id
        const minimal = yield* api.listMessages({ conversation_id, format: "minimal", limit: 100 })
        const full = yield* api.listMessages({ conversation_id, format: "full", limit: 100 })
        for (const message of minimal.data) {
          expect(message.format).toBe("minimal")
          for (const field of ["body", "text_body", "raw_body", "attachments"]) expect(field in message).toBe(false)
        }
        expect(full.data.every((m) => m.format === "full" && typeof m.body === "string")).toBe(true)
        expect(full.data.some((m) => (m.attachments ?? []).length > 0)).toBe(true)
      }))

    test("pages through everything with cursors, each message once", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const seen = yield* Stream.runCollect(api.streamMessages({ limit: 7 }))
        expect(seen.map((m) => m.id)).toEqual([...Fixtures.conversations].sort(listingOrder).map((m) => m.id))
      }))

    test("never skips or repeats a message because others were inserted while paging", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const before = [...Fixtures.conversations].sort(listingOrder).map((m) => m.id)
        const seen: Array<string> = []
        let cursor: string | undefined
        let round = 0
        do {
          const page = yield* api.listMessages({ limit: 6, ...(cursor === undefined ? {} : { cursor }) })
          seen.push(...page.data.map((m) => m.id))
          cursor = page.next_cursor ?? undefined
          // between pages, insert messages newer than everything, older than everything, and in the middle
          for (const date of ["2031-01-01T00:00:00Z", "2001-01-01T00:00:00Z", "2024-03-05T14:30:00Z"]) {
            yield* api.importMessage({
              channel_id: "chnnl_t",
              date: DateTime.makeUnsafe(date),
              sender: ada,
              recipients: [bob],
              subject: `insert ${round}`
            })
          }
          round++
        } while (cursor !== undefined)
        const original = seen.filter((id) => before.includes(id))
        expect(original).toEqual(before)
        expect(new Set(seen).size).toBe(seen.length)
      }))

    test("answers BadRequest for a cursor it did not give out", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        expect(yield* tagOf(api.listMessages({ cursor: "not-a-cursor" }))).toBe("BadRequest")
      }))
  })

  describe(`${name}: sendMessage`, () => {
    test("sends to to/cc/bcc addresses from `from` on a channel, outbound, in a new conversation", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const sent = yield* api.sendMessage({
          channel_id: "chnnl_new",
          from: "ada@example.com",
          to: ["bob@example.com"],
          cc: ["cy@example.com"],
          bcc: ["di@example.com"],
          subject: "Hello",
          body: "<p>Hi <b>Bob</b></p>"
        })
        expect(sent).toMatchObject({ channel_id: "chnnl_new", direction: "outbound", subject: "Hello", format: "full" })
        expect(sent.id).toMatch(/^msg_[0-9a-hjkmnp-tv-z]{26}$/)
        expect(sent.sender.handle).toEqual({ type: "email", value: "ada@example.com" })
        expect(sent.recipients.map((r) => [r.role, r.handle.type, r.handle.value])).toEqual([
          ["to", "email", "bob@example.com"],
          ["cc", "email", "cy@example.com"],
          ["bcc", "email", "di@example.com"]
        ])
        expect(Fixtures.conversations.some((m) => m.conversation_id === sent.conversation_id)).toBe(false)
        expect(yield* api.getMessage(sent.id)).toEqual(sent)
      }))

    test("takes structured sender and recipients as given", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const sent = yield* api.sendMessage({ channel_id: "chnnl_new", sender: ada, recipients: [bob], body: "x" })
        expect(sent.sender).toEqual(ada)
        expect(sent.recipients).toEqual([bob])
      }))

    test("replies in the conversation and channel of the message it answers", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const original = salesThread[2]!
        const reply = yield* api.sendMessage({ reply_to_message_id: original.id, body: "Sounds good" })
        expect(reply).toMatchObject({
          conversation_id: original.conversation_id,
          channel_id: original.channel_id,
          reply_to_message_id: original.id,
          reply_type: "reply",
          direction: "outbound"
        })
        const forward = yield* api.sendMessage({ reply_to_message_id: original.id, reply_type: "forward", body: "FYI" })
        expect(forward.reply_type).toBe("forward")
        expect(yield* tagOf(api.sendMessage({ reply_to_message_id: "msg_unknown", body: "x" }))).toBe("NotFound")
      }))

    test("refuses a message with neither channel_id nor reply_to_message_id", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const store = yield* MessageStore
        expect(yield* tagOf(api.sendMessage({ body: "lost" }))).toBe("InvalidRequest")
        expect((yield* store.messages).length).toBe(seeded)
      }))
  })

  describe(`${name}: importMessage`, () => {
    test("records a message with its date, inbound by default, into a known conversation", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const conversation_id = supportThread[0]!.conversation_id
        const date = DateTime.makeUnsafe("2024-03-04T08:00:00.250Z")
        const imported = yield* api.importMessage({
          conversation_id,
          date,
          sender: ada,
          recipients: [bob],
          body: "Old"
        })
        expect(imported).toMatchObject({
          conversation_id,
          channel_id: supportThread[0]!.channel_id,
          direction: "inbound"
        })
        expect(imported.date).toEqual(date)
        const outbound = yield* api.importMessage({
          channel_id: "chnnl_x",
          direction: "outbound",
          date,
          sender: ada,
          recipients: []
        })
        expect(outbound.direction).toBe("outbound")
      }))

    test("answers NotFound for an unknown conversation without a channel, InvalidRequest without either", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const date = DateTime.makeUnsafe("2024-01-01T00:00:00Z")
        expect(yield* tagOf(api.importMessage({ conversation_id: "cnv_nobody", date, sender: ada, recipients: [] })))
          .toBe("NotFound")
        expect(yield* tagOf(api.importMessage({ date, sender: ada, recipients: [] }))).toBe("InvalidRequest")
      }))
  })

  describe(`${name}: updateMessage`, () => {
    test("changes only the fields it carries", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const original = supportThread[1]!
        const updated = yield* api.updateMessage(original.id, { subject: "Renamed" })
        expect(updated).toEqual({ ...original, subject: "Renamed" })
        const redated = yield* api.updateMessage(original.id, { date: DateTime.makeUnsafe("2035-01-01T00:00:00Z") })
        expect(redated.subject).toBe("Renamed")
        expect((yield* api.listMessages({ limit: 1 })).data[0]!.id).toBe(original.id)
      }))

    test("answers NotFound for an unknown id", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        expect(yield* tagOf(api.updateMessage("msg_unknown", { subject: "x" }))).toBe("NotFound")
      }))
  })

  describe(`${name}: idempotency`, () => {
    test("the same key with the same body answers the first message and creates nothing", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const store = yield* MessageStore
        const request = { channel_id: "chnnl_1", to: ["bob@example.com"], body: "Once" }
        const first = yield* api.sendMessage(request, { idempotencyKey: "key-1" })
        const again = yield* api.sendMessage(request, { idempotencyKey: "key-1" })
        expect(again).toEqual(first)
        const date = DateTime.makeUnsafe("2024-01-01T00:00:00Z")
        const importRequest = { channel_id: "chnnl_1", date, sender: ada, recipients: [] }
        const imported = yield* api.importMessage(importRequest, { idempotencyKey: "key-2" })
        expect(yield* api.importMessage(importRequest, { idempotencyKey: "key-2" })).toEqual(imported)
        expect((yield* store.messages).length).toBe(seeded + 2)
      }))

    test("the same key with another body is a Conflict", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        yield* api.sendMessage({ channel_id: "chnnl_1", body: "One" }, { idempotencyKey: "key-3" })
        expect(yield* tagOf(api.sendMessage({ channel_id: "chnnl_1", body: "Two" }, { idempotencyKey: "key-3" })))
          .toBe("Conflict")
      }))

    test("running one sendMessage effect twice sends once; calling sendMessage twice sends twice", () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const store = yield* MessageStore
        const send = api.sendMessage({ channel_id: "chnnl_1", body: "Hi" })
        const first = yield* send
        expect(yield* send).toEqual(first)
        const other = yield* api.sendMessage({ channel_id: "chnnl_1", body: "Hi" })
        expect(other.id).not.toBe(first.id)
        expect((yield* store.messages).length).toBe(seeded + 2)
      }))
  })
}
