import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Result } from "effect"
import { apiKey, json, problem, stubApi, wireMessage } from "./stub.js"

const ok = () => Effect.succeed(json(200, wireMessage()))

describe("requests", () => {
  it.effect("carry the key, Accept, a User-Agent, and the base URL", () => {
    const { layer, seen } = stubApi(ok, { baseUrl: "https://api.example.com/" })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const message = yield* api.getMessage("msg_1")
      expect(message.id).toBe("msg_01hrakwwcveccsnm6xpn1wvmd4")
      expect(seen[0]!.url.toString()).toBe("https://api.example.com/v1/messages/msg_1")
      expect(seen[0]!.headers["authorization"]).toBe(`Bearer ${apiKey}`)
      expect(seen[0]!.headers["accept"]).toBe("application/json")
      expect(seen[0]!.headers["user-agent"]).toMatch(/^@convore\/client\/\d+\.\d+\.\d+$/)
    }).pipe(Effect.provide(layer))
  })

  it.effect("send exactly the wire JSON for each body", () => {
    const { layer, seen } = stubApi(ok)
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* api.sendMessage({ channel_id: "chnnl_1", from: "ada@example.com", to: ["bob@example.com"], body: "Hi" })
      yield* api.importMessage({
        channel_id: "chnnl_1",
        date: DateTime.makeUnsafe("2024-03-08T12:00:00+02:00"),
        sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
        recipients: []
      })
      yield* api.updateMessage("msg_1", { subject: "New" })
      expect(seen.map((s) => [s.method, s.url.pathname, s.body, s.headers["content-type"]])).toEqual([
        [
          "POST",
          "/v1/messages",
          "{\"channel_id\":\"chnnl_1\",\"from\":\"ada@example.com\",\"to\":[\"bob@example.com\"],\"body\":\"Hi\"}",
          "application/json"
        ],
        [
          "POST",
          "/v1/messages/import",
          "{\"channel_id\":\"chnnl_1\",\"date\":\"2024-03-08T10:00:00.000Z\",\"sender\":{\"handle\":{\"type\":\"email\",\"value\":\"ada@example.com\"},\"role\":\"from\"},\"recipients\":[]}",
          "application/json"
        ],
        ["PATCH", "/v1/messages/msg_1", "{\"subject\":\"New\"}", "application/json"]
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("leave absent query parameters out", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, { data: [] })))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* api.listMessages()
      yield* api.listMessages({ conversation_id: "cnv_1", limit: 10 })
      yield* api.listMessages({ format: "minimal", cursor: "c/2+3" })
      expect(seen.map((s) => s.url.search)).toEqual([
        "",
        "?conversation_id=cnv_1&limit=10",
        "?format=minimal&cursor=c%2F2%2B3"
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("percent-encode path ids", () => {
    const { layer, seen } = stubApi(ok)
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* api.getMessage("msg 1é")
      expect(seen[0]!.url.pathname).toBe("/v1/messages/msg%201%C3%A9")
    }).pipe(Effect.provide(layer))
  })

  const refusedIds = ["", ".", "..", "a/b", "a?b", "a#b", "%2F", "a\u0000b", "a\nb", "a\u007fb", "x".repeat(10_000)]
  it.effect.each(refusedIds)("refuse the id %j before sending anything", (id) => {
    const { layer, seen } = stubApi(ok)
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const get = yield* Effect.flip(api.getMessage(id))
      const update = yield* Effect.flip(api.updateMessage(id, {}))
      expect(get._tag).toBe("InvalidRequest")
      expect(update._tag).toBe("InvalidRequest")
      expect(get.message).toMatch(/^getMessage: invalid messageId: an id /)
      expect(seen).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })

  it.effect("refuse requests that break the contract before sending anything", () => {
    const { layer, seen } = stubApi(ok)
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const send = yield* Effect.flip(api.sendMessage({ body: "Hi" }))
      const list = yield* Effect.flip(api.listMessages({ limit: 101 }))
      const key = yield* Effect.flip(api.sendMessage({ channel_id: "c", body: "x" }, { idempotencyKey: "a\nb" }))
      expect(send).toMatchObject({
        _tag: "InvalidRequest",
        message: "sendMessage: invalid request: a message to send needs channel_id or reply_to_message_id"
      })
      expect(list).toMatchObject({
        _tag: "InvalidRequest",
        message: "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got 101",
        path: "params.limit"
      })
      expect(key._tag).toBe("InvalidRequest")
      expect(seen).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})

describe("responses", () => {
  const statuses = [
    [400, "BadRequest"],
    [401, "Unauthorized"],
    [403, "Forbidden"],
    [404, "NotFound"],
    [409, "Conflict"],
    [422, "UnprocessableEntity"],
    [429, "RateLimited"],
    [500, "ServerError"],
    [502, "ServerError"],
    [503, "ServerError"],
    [504, "ServerError"],
    [408, "UnexpectedStatus"],
    [418, "UnexpectedStatus"],
    [599, "ServerError"]
  ] as const
  it.effect.each(statuses)("turn %d into %s, with status, request id and detail", ([status, tag]) => {
    const { layer } = stubApi(() => Effect.succeed(problem(status, "it went wrong")), { maxRetries: 0 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: tag, status, requestId: `req_${status}`, detail: "it went wrong" })
      expect(error.message).toContain("it went wrong")
    }).pipe(Effect.provide(layer))
  })

  it.effect("read the detail of odd error bodies without a defect", () => {
    const bodies = [
      new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", { status: 502 }),
      new Response(JSON.stringify({ error: { message: "key revoked" } }), { status: 401 }),
      new Response("", { status: 404 }),
      new Response("\u0000\u0001binary", { status: 400 })
    ]
    const { layer } = stubApi((n) => Effect.succeed(bodies[n - 1]!), { maxRetries: 0 })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const errors = yield* Effect.forEach(bodies, () => Effect.flip(api.getMessage("msg_1")))
      expect(errors.map((e) => [e._tag, "detail" in e ? e.detail : undefined])).toEqual([
        ["ServerError", "502 Bad Gateway"],
        ["Unauthorized", "key revoked"],
        ["NotFound", undefined],
        ["BadRequest", "\u0000\u0001binary"]
      ])
    }).pipe(Effect.provide(layer))
  })

  it.effect("turn a 2xx body that breaks the contract into DecodeError with the path", () => {
    const bodies = [
      json(200, { ...wireMessage(), date: "yesterday" }),
      new Response("<html>hello</html>", { status: 200 }),
      new Response("", { status: 200 }),
      new Response("{\"id\": \"msg_1\", \"chan", { status: 200 }),
      json(200, { data: [wireMessage(), { ...wireMessage(), recipients: "bob" }] })
    ]
    const { layer } = stubApi((n) => Effect.succeed(bodies[n - 1]!))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const errors = [
        yield* Effect.flip(api.getMessage("msg_1")),
        yield* Effect.flip(api.getMessage("msg_1")),
        yield* Effect.flip(api.getMessage("msg_1")),
        yield* Effect.flip(api.getMessage("msg_1")),
        yield* Effect.flip(api.listMessages())
      ]
      expect(errors.map((e) => [e._tag, "path" in e ? e.path : undefined])).toEqual([
        ["DecodeError", "date"],
        ["DecodeError", ""],
        ["DecodeError", ""],
        ["DecodeError", ""],
        ["DecodeError", "data[1].recipients"]
      ])
      expect(errors[0]!.message).toBe(
        "getMessage: the 200 answer does not match the contract: at date: Expected an RFC 3339 date-time, got \"yesterday\""
      )
      expect(errors[2]!.message).toContain("the body is empty")
    }).pipe(Effect.provide(layer))
  })

  it.effect("keep decoding tolerant: unknown fields and nulls are fine", () => {
    const { layer } = stubApi(() => Effect.succeed(json(200, { ...wireMessage(), subject: null, labels: ["x"] })))
    return Effect.gen(function*() {
      const message = yield* (yield* MessagesApi).getMessage("msg_1")
      expect(message.subject).toBeNull()
      expect(Result.isResult(message)).toBe(false)
    }).pipe(Effect.provide(layer))
  })
})

describe("User-Agent", () => {
  it("names this package at its published version", async () => {
    const { readFile } = await import("node:fs/promises")
    const { userAgent } = await import("../src/internal/Version.js")
    const manifest = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"))
    expect(userAgent).toBe(`${manifest.name}/${manifest.version}`)
  })
})
