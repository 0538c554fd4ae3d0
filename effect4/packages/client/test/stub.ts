import { MessagesApi, type MessagesApiOptions } from "@convore/client"
import { Clock, Duration, Effect, Fiber, Layer, Logger, References } from "effect"
import { HttpClient, HttpClientError, HttpClientResponse } from "effect/http"
import { TestClock } from "effect/testing"

/** A request as the stub server saw it. */
export interface Seen {
  readonly method: string
  readonly url: URL
  readonly headers: Readonly<Record<string, string>>
  readonly body: string | undefined
  /** When it arrived, on the (test) clock. */
  readonly at: number
}

/** What the stub answers to the `n`-th request (from 1); a failure is a connection error with that text. */
export type Handler = (n: number, seen: Seen) => Effect.Effect<Response, string>

export const apiKey = "sk_live_s3cr3t_do_not_print"

/** A JSON response, as the server would send it. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } })

export const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify({ type: "about:blank", title: "Problem", status, detail }), {
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": `req_${status}`, ...headers }
  })

/**
 * A `MessagesApi` over an `HttpClient.make` stub that answers with `handler`
 * and records every request in `seen`. Backoff jitter is off unless asked for.
 */
export const stubApi = (handler: Handler, options: Partial<MessagesApiOptions> = {}) => {
  const seen: Array<Seen> = []
  const client = HttpClient.make((request, url) =>
    Effect.gen(function*() {
      const entry: Seen = {
        method: request.method,
        url,
        headers: request.headers,
        body: request.body._tag === "Uint8Array" ? new TextDecoder().decode(request.body.body) : undefined,
        at: yield* Clock.currentTimeMillis
      }
      seen.push(entry)
      const response = yield* handler(seen.length, entry).pipe(
        Effect.mapError((cause) =>
          new HttpClientError.HttpClientError({
            reason: new HttpClientError.TransportError({ request, cause: new Error(cause) })
          })
        )
      )
      return HttpClientResponse.fromWeb(request, response)
    })
  )
  const layer = MessagesApi.layer({ apiKey, jitter: 0, ...options }).pipe(
    Layer.provide(Layer.succeed(HttpClient.HttpClient, client))
  )
  return { seen, layer }
}

/**
 * A body of `total` bytes of `fill` over and over, streamed in chunks of
 * `chunk`, counting the bytes the client pulls; with `failAt`, the stream
 * breaks there, as a connection cut mid-body does.
 */
export const countedBody = (total: number, fill = "x", chunk = 16 * 1024, failAt?: number) => {
  const pulled = { bytes: 0 }
  const source = new TextEncoder().encode(fill.repeat(Math.ceil(chunk / fill.length) + 1))
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (failAt !== undefined && pulled.bytes >= failAt) return controller.error(new Error("socket hang up"))
      if (pulled.bytes >= total) return controller.close()
      const size = Math.min(
        chunk,
        total - pulled.bytes,
        failAt === undefined ? chunk : Math.max(1, failAt - pulled.bytes)
      )
      const start = pulled.bytes % source.length
      const next = start + size <= source.length
        ? source.slice(start, start + size)
        : new Uint8Array([...source.subarray(start), ...source.subarray(0, size - (source.length - start))])
      pulled.bytes += size
      controller.enqueue(next)
    }
  }, { highWaterMark: 0 })
  return { stream, pulled }
}

export const wireMessage = (id = "msg_01hrakwwcveccsnm6xpn1wvmd4") => ({
  id,
  channel_id: "chnnl_1",
  conversation_id: "cnv_1",
  direction: "outbound",
  date: "2024-03-08T10:00:00Z",
  sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
  recipients: [{ name: null, handle: { type: "email", value: "bob@example.com" }, role: "to" }],
  created_at: "2024-03-08T10:00:00Z",
  format: "full",
  body: "<p>Hi</p>"
})

/**
 * Runs `effect` in a fiber and moves the test clock on until the fiber is
 * done. Effect 4's `TestClock.adjust` wakes each sleep at its exact instant,
 * in order, and lets the fibers it woke run before the next one: every sleep
 * and timeout happens when it should, and nothing waits for real. The clock
 * ends far ahead: time a run from inside it (`Effect.timed`).
 */
export const runOnTestClock = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function*() {
    const fiber = yield* Effect.forkChild(effect)
    yield* TestClock.adjust(Duration.days(365))
    return yield* Fiber.join(fiber)
  })

/** Runs `effect` at debug level, writing each log line (its message and annotations, as JSON) into `lines`. */
export const capturingLogs = (lines: Array<string>) => <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  effect.pipe(
    Effect.provide(Logger.layer([
      Logger.make(({ fiber, message }) =>
        lines.push(JSON.stringify([message, Object.entries(fiber.getRef(References.CurrentLogAnnotations))]))
      )
    ])),
    Effect.provideService(References.MinimumLogLevel, "Debug")
  )
