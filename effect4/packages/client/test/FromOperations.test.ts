import { MessagesApi, type MessagesApiOperations } from "@convore/client"
import { NotFound } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Stream } from "effect"
import { HttpClient, HttpClientResponse } from "effect/http"
import { apiKey, capturingLogs, json, stubApi, wireMessage } from "./stub.js"

/** A user's own stub of the operations, recording what it is called with; it fails every call with NotFound. */
const recordingStub = () => {
  const calls: Array<readonly [string, ...Array<unknown>]> = []
  const gone = (name: string, ...args: Array<unknown>) => {
    calls.push([name, ...args])
    return Effect.fail(new NotFound({ message: "not in this stub" }))
  }
  const operations: MessagesApiOperations = {
    getMessage: (id) => gone("getMessage", id),
    listMessages: (params) => gone("listMessages", params),
    sendMessage: (request, options) => gone("sendMessage", request, options),
    importMessage: (request, options) => gone("importMessage", request, options),
    updateMessage: (id, request) => gone("updateMessage", id, request)
  }
  return { calls, api: MessagesApi.fromOperations(operations) }
}

describe("MessagesApi.fromOperations", () => {
  it.effect("checks a stub's input before calling it, as the HTTP client does", () =>
    Effect.gen(function*() {
      const { api, calls } = recordingStub()
      const errors = yield* Effect.all([
        Effect.flip(api.getMessage("a/b")),
        Effect.flip(api.listMessages({ limit: 0 })),
        Effect.flip(api.sendMessage({ body: "no channel" })),
        Effect.flip(api.updateMessage("", { subject: "x" }))
      ])
      expect(errors.map((error) => [error._tag, error.operation])).toEqual([
        ["InvalidRequest", "getMessage"],
        ["InvalidRequest", "listMessages"],
        ["InvalidRequest", "sendMessage"],
        ["InvalidRequest", "updateMessage"]
      ])
      expect(calls).toEqual([])
    }))

  it.effect("hands a stub the idempotency key, made once per call, and names the operation in its errors", () =>
    Effect.gen(function*() {
      const { api, calls } = recordingStub()
      const send = api.sendMessage({ channel_id: "chnnl_1", body: "Hi" })
      const error = yield* Effect.flip(send)
      yield* Effect.flip(send)
      yield* Effect.flip(api.sendMessage({ channel_id: "chnnl_1", body: "Hi" }, { idempotencyKey: "mine" }))
      expect(error).toMatchObject({ _tag: "NotFound", operation: "sendMessage", message: "not in this stub" })
      const keys = calls.map(([, , options]) => (options as { idempotencyKey: string }).idempotencyKey)
      expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/)
      expect(keys).toEqual([keys[0], keys[0], "mine"])
    }))

  it.effect("gives the HTTP client's errors their operation, and a transport error its cause", () => {
    const { layer } = stubApi((n) => n === 1 ? Effect.fail("connect ECONNREFUSED") : Effect.succeed(json(404, {})), {
      maxRetries: 0
    })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const refused = yield* Effect.flip(api.getMessage("msg_1"))
      expect(refused).toMatchObject({ _tag: "TransportError", operation: "getMessage" })
      expect(refused._tag === "TransportError" && refused.cause).toEqual(new Error("connect ECONNREFUSED"))
      const missing = yield* Effect.flip(api.updateMessage("msg_1", { subject: "x" }))
      expect(missing).toMatchObject({ _tag: "NotFound", operation: "updateMessage" })
    }).pipe(Effect.provide(layer))
  })
})

describe("MessagesApi.make", () => {
  it.effect("yields the service fromOperations builds: input checked before a request, the body sent as checked", () => {
    const bodies: Array<string | undefined> = []
    const client = HttpClient.make((request) => {
      bodies.push(request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined)
      return Effect.succeed(HttpClientResponse.fromWeb(request, json(404, {})))
    })
    return Effect.gen(function*() {
      const api = yield* MessagesApi.make({ apiKey, maxRetries: 0 })
      const refused = yield* Effect.flip(api.sendMessage({ body: "no channel" }))
      expect(refused).toMatchObject({ _tag: "InvalidRequest", operation: "sendMessage" })
      expect(bodies).toEqual([])
      const missing = yield* Effect.flip(api.updateMessage("msg_1", { subject: "x" }))
      expect(missing).toMatchObject({ _tag: "NotFound", operation: "updateMessage" })
      expect(bodies.map((body) => JSON.parse(body ?? "null"))).toEqual([{ subject: "x" }])
      const streamed = yield* Effect.flip(Stream.runCollect(api.streamMessages()))
      expect(streamed).toMatchObject({
        _tag: "PaginationError",
        cause: { _tag: "NotFound", operation: "listMessages" }
      })
    }).pipe(Effect.provideService(HttpClient.HttpClient, client))
  })
})

describe("compiledDecoder", () => {
  it.effect("false: the client decodes with the Schema decoder alone, and says so once at debug level", () => {
    const lines: Array<string> = []
    const { layer } = stubApi(() => Effect.succeed(json(200, wireMessage())), { compiledDecoder: false })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const message = yield* api.getMessage("msg_1")
      yield* api.getMessage("msg_1")
      expect(message.id).toBe(wireMessage().id)
      expect(lines).toEqual([
        JSON.stringify([
          ["@convore/client decodes answers with the Schema decoder: its compiled fast path is off"],
          [["reason", "turned off (compile: false)"]]
        ])
      ])
    }).pipe(
      Effect.provide(layer),
      capturingLogs(lines)
    )
  })
})
