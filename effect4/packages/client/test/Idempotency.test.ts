import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { json, problem, runOnTestClock, stubApi, wireMessage } from "./stub.js"

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
const importRequest = {
  conversation_id: "cnv_1",
  date: DateTime.makeUnsafe("2024-03-08T10:00:00Z"),
  sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
  recipients: []
} as const

describe("idempotency keys", () => {
  it.effect("go on both POSTs, the same on every retry of a call", () => {
    const { layer, seen } = stubApi((n) =>
      Effect.succeed(n % 3 === 0 ? json(200, wireMessage()) : problem(503, "busy"))
    )
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* runOnTestClock(api.sendMessage({ channel_id: "chnnl_1", body: "Hi" }))
      yield* runOnTestClock(api.importMessage(importRequest))
      const keys = seen.map((s) => s.headers["idempotency-key"])
      expect(keys[0]).toMatch(uuid)
      expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]])
      expect(keys[3]).toMatch(uuid)
      expect(keys.slice(3)).toEqual([keys[3], keys[3], keys[3]])
      expect(keys[3]).not.toBe(keys[0])
    }).pipe(Effect.provide(layer))
  })

  it.effect("are the caller's when given", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* api.sendMessage({ channel_id: "chnnl_1", body: "Hi" }, { idempotencyKey: "order-42" })
      yield* api.importMessage(importRequest, { idempotencyKey: "import-7" })
      expect(seen.map((s) => s.headers["idempotency-key"])).toEqual(["order-42", "import-7"])
    }).pipe(Effect.provide(layer))
  })

  it.effect("stay the same when the caller re-runs the effect, and differ between calls", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const send = api.sendMessage({ channel_id: "chnnl_1", body: "Hi" })
      yield* send
      yield* send
      yield* api.sendMessage({ channel_id: "chnnl_1", body: "Hi" })
      const keys = seen.map((s) => s.headers["idempotency-key"])
      expect(keys[1]).toBe(keys[0])
      expect(keys[2]).not.toBe(keys[0])
    }).pipe(Effect.provide(layer))
  })

  it.effect("are never sent on GET or PATCH", () => {
    const { layer, seen } = stubApi((n) => Effect.succeed(n === 2 ? json(200, { data: [] }) : json(200, wireMessage())))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* api.getMessage("msg_1")
      yield* api.listMessages()
      yield* api.updateMessage("msg_1", { subject: "x" })
      expect(seen.map((s) => s.headers["idempotency-key"])).toEqual([undefined, undefined, undefined])
    }).pipe(Effect.provide(layer))
  })
})
