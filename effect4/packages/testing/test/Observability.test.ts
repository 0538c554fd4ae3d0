import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { createServer } from "node:http"
import { Fixtures, MockServer, Recording } from "../src/index.js"
import { clientAndServer } from "./helpers.js"

describe("observability", () => {
  it.live("each call runs in a span named after the operation, with method, route, status, attempts and request id", () => {
    const recording = Recording.make()
    return Effect.gen(function*() {
      yield* (yield* MockServer).failNext(1, 503)
      yield* (yield* MessagesApi).getMessage(Fixtures.supportThread[0]!.id)
      const span = recording.spans.find((s) => s.name === "MessagesApi.getMessage")
      expect(span?.kind).toBe("client")
      expect(Object.fromEntries(span?.attributes ?? [])).toEqual({
        "http.request.method": "GET",
        "url.template": "/v1/messages/{message_id}",
        "http.response.status_code": 200,
        "convore.attempts": 2,
        "convore.request_id": "req_000002"
      })
      expect(recording.logs.some((line) => line.startsWith("DEBUG [\"retrying after ServerError\"] {\"attempt\":1")))
        .toBe(
          true
        )
    }).pipe(Effect.provide(clientAndServer()), recording.provide)
  })

  it.live("a span ends with the call's outcome, not its value, so a tracer keeping spans keeps no pages", () => {
    const recording = Recording.make()
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const page = yield* api.listMessages({ limit: 5 })
      expect(page.data).toHaveLength(5)
      yield* (yield* MockServer).failNext(1, 404)
      yield* Effect.flip(api.getMessage("msg_missing"))
      const [listed, failed] = recording.spans.filter((s) => s.name.startsWith("MessagesApi."))
      expect(listed?.exit).toStrictEqual(Exit.void)
      expect(failed?.exit !== undefined && Exit.isFailure(failed.exit)).toBe(true)
    }).pipe(Effect.provide(clientAndServer()), recording.provide)
  })

  it.live("the request carries the operation's span as W3C trace context", () =>
    Effect.gen(function*() {
      const server = yield* MockServer
      yield* (yield* MessagesApi).listMessages({ limit: 1 })
      const [request] = yield* server.requests
      expect(request?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/)
    }).pipe(Effect.provide(clientAndServer())))

  it.live("a server echoing the key in its request id and error body leaves it in no span, log or error", () => {
    const recording = Recording.make()
    const key = "sk_live_echoed_back_7f3a"
    return Effect.gen(function*() {
      const server = createServer((request, response) => {
        response.writeHead(request.url?.includes("msg_bad") ? 400 : 503, {
          "content-type": "application/json",
          "x-request-id": `req ${request.headers.authorization}`
        })
        response.end(JSON.stringify({ detail: `you sent ${request.headers.authorization}` }))
      })
      yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
        () => Effect.sync(() => server.close())
      )
      const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`
      const failures = yield* Effect.flatMap(
        MessagesApi,
        (api) => Effect.all([Effect.flip(api.getMessage("msg_bad")), Effect.flip(api.getMessage("msg_busy"))])
      ).pipe(
        Effect.provide(
          MessagesApi.layer({ baseUrl: url, apiKey: key, maxRetries: 1, initialDelay: 1 }).pipe(
            Layer.provide(FetchHttpClient.layer)
          )
        )
      )
      const spans = recording.spans.filter((span) => span.name.startsWith("MessagesApi."))
      expect(spans).toHaveLength(2)
      expect(spans[0]!.attributes.get("convore.request_id")).toBe("req Bearer <redacted>")
      const everything = JSON.stringify([failures, spans.map((span) => [...span.attributes]), recording.logs])
      expect(everything).toContain("retrying after ServerError")
      expect(everything).not.toContain(key)
    }).pipe(Effect.scoped, recording.provide)
  })
})
