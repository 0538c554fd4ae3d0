import { MessagesApi } from "@convore/client"
import * as UndiciHttpClient from "@convore/client/UndiciHttpClient"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Layer } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { apiKey, wireMessage } from "./stub.js"

/** A small real server for the five operations, on an ephemeral port; it records what it was sent. */
const server = Effect.acquireRelease(
  Effect.async<{ readonly url: string; readonly seen: Array<string>; readonly close: () => void }>((resume) => {
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

const clients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient (undici)", NodeHttpClient.layerUndici],
  ["UndiciHttpClient", UndiciHttpClient.layer]
]

describe.each(clients)("all five operations over real HTTP through %s", (_, httpClient) => {
  it.scoped("work end to end", () =>
    Effect.gen(function*() {
      const { seen, url } = yield* server
      const run = <A, E>(use: (api: MessagesApi["Type"]) => Effect.Effect<A, E>) =>
        Effect.flatMap(MessagesApi, use).pipe(
          Effect.provide(MessagesApi.layer({ baseUrl: url, apiKey }).pipe(Layer.provide(httpClient)))
        )
      const got = yield* run((api) => api.getMessage("msg_1"))
      const page = yield* run((api) => api.listMessages({ conversation_id: "cnv_1", limit: 2 }))
      const sent = yield* run((api) => api.sendMessage({ channel_id: "chnnl_1", body: "Hi" }))
      const imported = yield* run((api) =>
        api.importMessage({
          channel_id: "chnnl_1",
          date: DateTime.unsafeMake("2024-03-08T10:00:00Z"),
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

/** A server that takes each request and never answers; it counts the sockets the client closed. */
const stuckServer = Effect.acquireRelease(
  Effect.async<{
    readonly url: string
    readonly requests: () => number
    readonly closed: Effect.Effect<number>
    readonly close: () => void
  }>((resume) => {
    let requests = 0
    let closedSockets = 0
    const waiting: Array<() => void> = []
    const http = createServer((request) => {
      requests++
      request.socket.on("close", () => {
        closedSockets++
        waiting.splice(0).forEach((wake) => wake())
      })
    })
    http.listen(0, "127.0.0.1", () =>
      resume(Effect.succeed({
        url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
        requests: () => requests,
        // answers once every socket that reached the server is closed
        closed: Effect.async<number>((wake) => {
          const check = () => closedSockets >= requests ? wake(Effect.succeed(closedSockets)) : void waiting.push(check)
          check()
        }),
        close: () => {
          http.closeAllConnections()
          http.close()
        }
      })))
  }),
  ({ close }) => Effect.sync(close)
)

describe.each(clients)("a server that never answers, through %s, on the live clock", (_, httpClient) => {
  it.scopedLive("times each attempt out, retries, and closes every socket it opened", () =>
    Effect.gen(function*() {
      const { closed, requests, url } = yield* stuckServer
      const error = yield* Effect.flip(
        Effect.flatMap(MessagesApi, (api) => api.getMessage("msg_1")).pipe(
          Effect.provide(
            MessagesApi.layer({ baseUrl: url, apiKey, timeout: 100, maxRetries: 1, initialDelay: 1 }).pipe(
              Layer.provide(httpClient)
            )
          )
        )
      )
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout", operation: "getMessage" })
      expect(requests()).toBe(2)
      expect(yield* closed).toBe(2)
    }))

  it.scopedLive("ends the call at the deadline, and closes its socket", () =>
    Effect.gen(function*() {
      const { closed, requests, url } = yield* stuckServer
      const error = yield* Effect.flip(
        Effect.flatMap(MessagesApi, (api) => api.listMessages()).pipe(
          Effect.provide(
            MessagesApi.layer({ baseUrl: url, apiKey, timeout: 60_000, deadline: 100 }).pipe(Layer.provide(httpClient))
          )
        )
      )
      expect(error).toMatchObject({ _tag: "TransportError", reason: "DeadlineExceeded" })
      expect(requests()).toBe(1)
      expect(yield* closed).toBe(1)
    }))
})
