/**
 * The client over real sockets, through each of the platform's transports:
 * the five operations, timeouts and deadlines (infinite and huge ones too),
 * interruptions at any point of an attempt, bodies bounded by
 * `maxResponseBytes`, and a body-less answer: every socket the client opens
 * is closed or reused, never held.
 */
import { MessagesApi, type MessagesApiOptions } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Context, DateTime, Effect, Layer } from "effect"
import { HttpClient } from "effect/http"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { endless, listen, transports } from "./servers.js"
import { apiKey, wireMessage } from "./stub.js"

/** A small real server for the five operations, on an ephemeral port; it records what it was sent. */
const server = Effect.acquireRelease(
  Effect.callback<{ readonly url: string; readonly seen: Array<string>; readonly close: () => void }>((resume) => {
    const seen: Array<string> = []
    const handle = (request: IncomingMessage, response: ServerResponse, body: string) => {
      seen.push(
        `${request.method} ${request.url} ${request.headers["idempotency-key"] === undefined ? "-" : "key"} ${body}`
      )
      const reply = (status: number, payload: unknown) => {
        response.writeHead(status, { "content-type": "application/json", "x-request-id": `req_${seen.length}` })
        response.end(JSON.stringify(payload))
      }
      if (request.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { title: "Unauthorized" })
      if (request.method === "GET" && request.url?.startsWith("/v1/messages?")) {
        return reply(200, { data: [wireMessage("msg_a"), wireMessage("msg_b")], next_cursor: null })
      }
      if (request.url === "/v1/messages/msg_missing") {
        return reply(404, { title: "Not Found", detail: "no msg_missing" })
      }
      const patch = request.method === "PATCH" ? JSON.parse(body) : {}
      return reply(200, { ...wireMessage(), ...patch })
    }
    const http = createServer((request, response) => {
      let body = ""
      request.on("data", (chunk) => (body += chunk))
      request.on("end", () => handle(request, response, body))
    })
    http.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
        seen,
        close: () => http.close()
      })))
  }),
  ({ close }) => Effect.sync(close)
)

describe.each(transports)("all five operations over real HTTP through %s", (_, httpClient) => {
  it.effect("work end to end", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server
      const run = <A, E>(use: (api: MessagesApi["Service"]) => Effect.Effect<A, E>) =>
        Effect.flatMap(MessagesApi, use).pipe(
          Effect.provide(MessagesApi.layer({ baseUrl: url, apiKey }).pipe(Layer.provide(httpClient)))
        )
      const got = yield* run((api) => api.getMessage("msg_1"))
      const page = yield* run((api) => api.listMessages({ conversation_id: "cnv_1", limit: 2 }))
      const sent = yield* run((api) => api.sendMessage({ channel_id: "chnnl_1", body: "Hi" }))
      const imported = yield* run((api) =>
        api.importMessage({
          channel_id: "chnnl_1",
          date: DateTime.makeUnsafe("2024-03-08T10:00:00Z"),
          sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
          recipients: []
        })
      )
      const updated = yield* run((api) => api.updateMessage("msg_1", { subject: "Changed" }))
      const missing = yield* Effect.flip(run((api) => api.getMessage("msg_missing")))
      const unauthorized = yield* Effect.flip(
        Effect.flatMap(MessagesApi, (api) => api.getMessage("msg_1")).pipe(
          Effect.provide(MessagesApi.layer({ baseUrl: url, apiKey: "wrong" }).pipe(Layer.provide(httpClient)))
        )
      )

      expect(got.id).toBe("msg_01hrakwwcveccsnm6xpn1wvmd4")
      expect(page.data.map((m) => m.id)).toEqual(["msg_a", "msg_b"])
      expect(sent.format).toBe("full")
      expect(imported.direction).toBe("outbound")
      expect(updated.subject).toBe("Changed")
      expect(missing).toMatchObject({ _tag: "NotFound", status: 404, detail: "no msg_missing" })
      expect(unauthorized).toMatchObject({ _tag: "Unauthorized", status: 401 })
      expect(seen.slice(0, 5)).toEqual([
        "GET /v1/messages/msg_1 - ",
        "GET /v1/messages?conversation_id=cnv_1&limit=2 - ",
        "POST /v1/messages key {\"channel_id\":\"chnnl_1\",\"body\":\"Hi\"}",
        "POST /v1/messages/import key {\"channel_id\":\"chnnl_1\",\"date\":\"2024-03-08T10:00:00.000Z\",\"sender\":{\"handle\":{\"type\":\"email\",\"value\":\"ada@example.com\"},\"role\":\"from\"},\"recipients\":[]}",
        "PATCH /v1/messages/msg_1 - {\"subject\":\"Changed\"}"
      ])
    }))
})

/**
 * The API over `httpClient` for the rest of the test's scope: its transport
 * (an undici `Agent` for `layerUndici`) stays open while the test looks at
 * the sockets, so only the client's own aborts can have closed them.
 */
const apiOver = (httpClient: Layer.Layer<HttpClient.HttpClient>, options: MessagesApiOptions) =>
  Effect.map(Layer.build(MessagesApi.layer(options).pipe(Layer.provide(httpClient))), Context.get(MessagesApi))

const MiB = 1024 * 1024

describe.each(transports)("a server that never answers, through %s, on the live clock", (_, httpClient) => {
  it.live("times each attempt out, retries, and closes every socket it opened", () =>
    Effect.gen(function*() {
      const { allClosed, requests, url } = yield* listen(() => undefined)
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, timeout: 100, maxRetries: 1, initialDelay: 1 })
      const error = yield* Effect.flip(api.getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", operation: "getMessage" })
      expect(requests()).toBe(2)
      yield* allClosed
    }))

  it.live("ends the call at the deadline, and closes its socket", () =>
    Effect.gen(function*() {
      const { allClosed, requests, url } = yield* listen(() => undefined)
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, timeout: 60_000, deadline: 100 })
      const error = yield* Effect.flip(api.listMessages())
      expect(error).toMatchObject({ _tag: "TransportError", reason: "DeadlineExceeded" })
      expect(requests()).toBe(1)
      yield* allClosed
    }))

  it.live("an interrupted call closes its socket at once", () =>
    Effect.gen(function*() {
      const { allClosed, requests, url } = yield* listen(() => undefined)
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, timeout: "1 hour", deadline: "2 hours" })
      const outcome = yield* Effect.result(Effect.timeout(api.getMessage("msg_1"), "100 millis"))
      expect(outcome._tag).toBe("Failure")
      expect(requests()).toBe(1)
      yield* Effect.timeout(allClosed, "1 second")
    }))
})

describe.each(transports)("bodies over real sockets, through %s", (_, httpClient) => {
  it.live("a body that stops halfway times out, and its socket is closed", () =>
    Effect.gen(function*() {
      const { allClosed, url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.write("{\"data\":[") // and nothing more
      })
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, timeout: 100, maxRetries: 0 })
      const error = yield* Effect.flip(api.listMessages())
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      yield* allClosed
    }))

  it.live("a call interrupted between its headers and its body closes its socket", () =>
    Effect.gen(function*() {
      const { allClosed, url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.write("{") // the headers are there, the body is not
      })
      // a middleware that holds the response: the attempt is timed out before any of its body is read
      const api = yield* apiOver(httpClient, {
        baseUrl: url,
        apiKey,
        timeout: 100,
        maxRetries: 0,
        transformClient: HttpClient.tap(() => Effect.never)
      })
      const error = yield* Effect.flip(api.getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      yield* Effect.timeout(allClosed, "1 second")
    }))

  it.live("a 300 MB answer without a length is cut off at maxResponseBytes, its socket closed", () =>
    Effect.gen(function*() {
      const { handler, state } = endless(300 * MiB)
      const { allClosed, url } = yield* listen(handler)
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, maxResponseBytes: MiB, maxRetries: 0 })
      const error = yield* Effect.flip(api.getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
      yield* allClosed
      // held no faster than it was read: the server could not send much past the bound
      expect(state.written).toBeLessThan(32 * MiB)
    }))

  it.live("sequential calls, each body read to its end, reuse their connections", () =>
    Effect.gen(function*() {
      const { connections, url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify(wireMessage()))
      })
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey })
      yield* Effect.repeat(api.getMessage("msg_1"), { times: 19 })
      expect(connections()).toBeLessThanOrEqual(2)
    }))

  it.live("a 204 without a body is a DecodeError, on every transport, and is not retried", () =>
    Effect.gen(function*() {
      const { requests, url } = yield* listen((_, response) => {
        response.writeHead(204, { "x-request-id": "req_204" })
        response.end()
      })
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, initialDelay: 1 })
      const error = yield* Effect.flip(api.getMessage("msg_1"))
      expect(error).toMatchObject({
        _tag: "DecodeError",
        status: 204,
        requestId: "req_204",
        message: "getMessage: the 204 answer does not match the contract: the body is empty (request req_204)"
      })
      expect(requests()).toBe(1)
    }))
})

describe.each(transports)("limits that must not fire early, through %s, on the live clock", (_, httpClient) => {
  it.live.each(
    [
      ["Infinity", Number.POSITIVE_INFINITY],
      ["30 days", "30 days"]
    ] as const
  )("a timeout and a deadline of %s let a 50 ms answer through", ([, limit]) =>
    Effect.gen(function*() {
      const { url } = yield* listen((_, response) =>
        setTimeout(() => {
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify(wireMessage()))
        }, 50)
      )
      const api = yield* apiOver(httpClient, { baseUrl: url, apiKey, timeout: limit, deadline: limit, maxRetries: 0 })
      expect((yield* api.getMessage("msg_1")).id).toBe(wireMessage().id)
      const perCall = yield* api.getMessage("msg_1", { timeout: limit, deadline: limit })
      expect(perCall.id).toBe(wireMessage().id)
    }))
})
