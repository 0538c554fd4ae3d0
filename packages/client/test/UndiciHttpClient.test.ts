/**
 * `UndiciHttpClient` as an `HttpClient`, over real sockets: bodies read once
 * and kept, no faster than they are read, a stream that stops early or a
 * read that is interrupted closes the socket, informational answers skipped,
 * request bodies sent, transport failures typed. (The five operations, the
 * live-clock timeouts and redirects run over it in RealServer.test.ts and
 * Reliability.test.ts, beside the platform's transports.)
 */
import { MessagesApi } from "@convore/client"
import * as UndiciHttpClient from "@convore/client/UndiciHttpClient"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Context, Effect, Layer, Stream } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"
import { apiKey, wireMessage } from "./stub.js"

const MiB = 1024 * 1024

/**
 * A server on an ephemeral port; `connections` counts the sockets it accepted,
 * `closed` answers once `n` of them have closed.
 */
const listen = (handler: (request: IncomingMessage, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.async<{
      readonly url: string
      readonly connections: () => number
      readonly closed: (n: number) => Effect.Effect<void>
      readonly close: () => void
    }>(
      (resume) => {
        let connections = 0
        let closedSockets = 0
        const waiting: Array<() => void> = []
        const server = createServer(handler)
        server.on("connection", (socket) => {
          connections++
          socket.on("close", () => {
            closedSockets++
            waiting.splice(0).forEach((wake) => wake())
          })
        })
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            connections: () => connections,
            closed: (n) =>
              Effect.async<void>((wake) => {
                const check = () => closedSockets >= n ? wake(Effect.void) : void waiting.push(check)
                check()
              }),
            close: () => {
              server.closeAllConnections()
              server.close()
            }
          })))
      }
    ),
    ({ close }) => Effect.sync(close)
  )

/** Writes `total` bytes of spaces without a Content-Length, as fast as the client reads them; counts what it wrote. */
const endless = (total: number) => {
  const state = { written: 0 }
  const handler = (_: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { "content-type": "application/json" })
    const chunk = Buffer.alloc(64 * 1024, " ")
    const write = () => {
      while (state.written < total) {
        state.written += chunk.length
        if (!response.write(chunk)) return void response.once("drain", write)
      }
      response.end()
    }
    response.on("error", () => undefined)
    write()
  }
  return { state, handler }
}

/** The client, its agent open until the test's scope closes. */
const client = Effect.map(Layer.build(UndiciHttpClient.layer), Context.get(HttpClient.HttpClient))

describe("UndiciHttpClient", () => {
  it.scopedLive("reads a body once and keeps it: text, json, arrayBuffer and stream give the same bytes", () =>
    Effect.gen(function*() {
      const { url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json", "set-cookie": ["a=1", "b=2"], "x-one": "1" })
        response.end("\uFEFF{\"ok\":true}")
      })
      const response = yield* (yield* client).get(url)
      expect(response.status).toBe(200)
      expect(response.headers["x-one"]).toBe("1")
      expect(response.cookies.cookies).toMatchObject({ a: { value: "1" }, b: { value: "2" } })
      expect(yield* response.text).toBe("{\"ok\":true}")
      expect(yield* response.json).toEqual({ ok: true })
      expect(new Uint8Array(yield* response.arrayBuffer).length).toBe(14)
      const streamed = yield* Stream.runCollect(response.stream)
      expect(Buffer.concat(Chunk.toArray(streamed)).toString("utf8")).toBe("\uFEFF{\"ok\":true}")
    }))

  it.scopedLive("sends request bodies: bytes with their headers, and a stream", () =>
    Effect.gen(function*() {
      const { url } = yield* listen((request, response) => {
        let body = ""
        request.on("data", (chunk) => (body += chunk))
        request.on("end", () => response.end(JSON.stringify({ type: request.headers["content-type"] ?? null, body })))
      })
      const http = yield* client
      const json = yield* Effect.flatMap(
        http.execute(HttpClientRequest.bodyUnsafeJson(HttpClientRequest.post(url), { a: 1 })),
        (response) => response.json
      )
      expect(json).toEqual({ type: "application/json", body: "{\"a\":1}" })
      const streamed = yield* Effect.flatMap(
        http.execute(
          HttpClientRequest.post(url).pipe(
            HttpClientRequest.bodyStream(Stream.make("one ", "two").pipe(Stream.encodeText), {
              contentType: "text/plain"
            })
          )
        ),
        (response) => response.json
      )
      expect(streamed).toEqual({ type: "text/plain", body: "one two" })
    }))

  it.scopedLive("skips an informational answer (103 Early Hints) for the final one", () =>
    Effect.gen(function*() {
      const { url } = yield* listen((_, response) => {
        response.writeEarlyHints({ link: "</style.css>; rel=preload; as=style" })
        response.writeHead(201, { "content-type": "text/plain" })
        response.end("made")
      })
      const response = yield* (yield* client).get(url)
      expect(response.status).toBe(201)
      expect(yield* response.text).toBe("made")
    }))

  it.scopedLive("holds a body no faster than it is read, and closes the socket when a stream of it stops early", () =>
    Effect.gen(function*() {
      const { handler, state } = endless(300 * MiB)
      const { closed, url } = yield* listen(handler)
      const response = yield* (yield* client).get(url)
      // nothing is read for a while: the socket is paused, not the whole body held
      yield* Effect.sleep("200 millis")
      const first = yield* Stream.runCollect(Stream.take(response.stream, 3))
      expect(first.length).toBe(3)
      yield* closed(1)
      expect(state.written).toBeLessThan(32 * MiB)
    }))

  it.scopedLive("an interrupted read of a body (a timeout) closes its socket", () =>
    Effect.gen(function*() {
      const { closed, url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.write("{\"data\":[") // and nothing more
      })
      const response = yield* (yield* client).get(url)
      const outcome = yield* Effect.either(Effect.timeout(response.text, "100 millis"))
      expect(outcome._tag).toBe("Left")
      yield* closed(1)
    }))

  it.scopedLive("fails with a typed RequestError for a refused connection, a URL and a header no request can carry", () =>
    Effect.gen(function*() {
      const { close, url } = yield* listen(() => undefined)
      close()
      const http = yield* client
      expect(yield* Effect.flip(http.get(url))).toMatchObject({ _tag: "RequestError", reason: "Transport" })
      expect(yield* Effect.flip(http.get("not a url"))).toMatchObject({ _tag: "RequestError", reason: "InvalidUrl" })
      // a header no request can carry: undici refuses it, and it is a typed error, not a defect
      const bad = HttpClientRequest.get(url).pipe(HttpClientRequest.setHeader("x-bad", "one\r\ntwo"))
      expect(yield* Effect.flip(http.execute(bad))).toMatchObject({ _tag: "RequestError", reason: "Transport" })
    }))

  it.scopedLive("under MessagesApi, a 300 MB answer without a length is cut off at maxResponseBytes, its socket closed", () =>
    Effect.gen(function*() {
      const { handler, state } = endless(300 * MiB)
      const { closed, url } = yield* listen(handler)
      const error = yield* Effect.flip(Effect.flatMap(MessagesApi, (api) => api.getMessage("msg_1"))).pipe(
        Effect.provide(
          MessagesApi.layer({ baseUrl: url, apiKey, maxResponseBytes: MiB, maxRetries: 0 }).pipe(
            Layer.provide(UndiciHttpClient.layer)
          )
        )
      )
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
      yield* closed(1)
      expect(state.written).toBeLessThan(32 * MiB)
    }))

  it.scopedLive("under MessagesApi, reuses its connections for sequential calls", () =>
    Effect.gen(function*() {
      const { connections, url } = yield* listen((_, response) => {
        response.writeHead(200, { "content-type": "application/json" })
        response.end(JSON.stringify(wireMessage()))
      })
      yield* Effect.flatMap(MessagesApi, (api) => Effect.repeatN(api.getMessage("msg_1"), 19)).pipe(
        Effect.provide(MessagesApi.layer({ baseUrl: url, apiKey }).pipe(Layer.provide(UndiciHttpClient.layer)))
      )
      // 20 calls, each body read to its end: its socket goes back to the pool (undici opens a second
      // one at the start, over `NodeHttpClient.layerUndici` too)
      expect(connections()).toBeLessThanOrEqual(2)
    }))
})
