/**
 * Each call is one client span named after its operation, with the method,
 * the route, the status, the attempts and the request id; the HTTP client's
 * own span per request is turned off (`HttpClient.TracerDisabledWhen`), the
 * request carries the operation's span as trace context, and the span ends
 * with the call's outcome, not its value.
 */
import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Exit, Tracer } from "effect"
import { capturingLogs, json, problem, runOnTestClock, stubApi, wireMessage } from "./stub.js"

/** A tracer keeping every span it starts. */
const recording = () => {
  const spans: Array<Tracer.NativeSpan> = []
  const tracer = Tracer.make({
    span: (options) => {
      const span = new Tracer.NativeSpan(options)
      spans.push(span)
      return span
    }
  })
  return { spans, tracer }
}

describe("tracing", () => {
  it.effect("a call is one client span with method, route, status, attempts and request id", () => {
    const { spans, tracer } = recording()
    const lines: Array<string> = []
    const { layer } = stubApi((n) =>
      Effect.succeed(n === 1 ? problem(503, "busy") : json(200, wireMessage(), { "x-request-id": "req_000002" }))
    )
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      expect(spans.map((span) => [span.name, span.kind])).toEqual([["MessagesApi.getMessage", "client"]])
      expect(Object.fromEntries(spans[0]!.attributes)).toEqual({
        "http.request.method": "GET",
        "url.template": "/v1/messages/{message_id}",
        "http.response.status_code": 200,
        "convore.attempts": 2,
        "convore.request_id": "req_000002"
      })
      expect(lines.some((line) => line.startsWith("[[\"retrying after ServerError\"],[[\"attempt\",1]"))).toBe(true)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer), capturingLogs(lines))
  })

  it.effect("the request carries the operation's span as W3C trace context", () => {
    const { spans, tracer } = recording()
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, { data: [], next_cursor: null })))
    return Effect.gen(function*() {
      yield* (yield* MessagesApi).listMessages({ limit: 1 })
      const span = spans.find((span) => span.name === "MessagesApi.listMessages")!
      expect(seen[0]!.headers["traceparent"]).toBe(`00-${span.traceId}-${span.spanId}-01`)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })

  it.effect("a span ends with the call's outcome, not its value, so a tracer keeping spans keeps no pages", () => {
    const { spans, tracer } = recording()
    const { layer } = stubApi((n) =>
      Effect.succeed(n === 1 ? json(200, { data: [wireMessage()], next_cursor: null }) : problem(404, "gone"))
    )
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      expect((yield* api.listMessages()).data).toHaveLength(1)
      yield* Effect.flip(api.getMessage("msg_missing"))
      const [listed, failed] = spans
      expect(listed?.status._tag === "Ended" && listed.status.exit).toStrictEqual(Exit.void)
      expect(failed?.status._tag === "Ended" && Exit.isFailure(failed.status.exit)).toBe(true)
    }).pipe(Effect.provide(layer), Effect.withTracer(tracer))
  })
})
