import { MessagesApi } from "@convore/client"
import type { MessagesApiError } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { inspect } from "node:util"
import { recording } from "./recording.js"
import { apiKey, json, problem, runOnTestClock, stubApi, wireMessage } from "./stub.js"

describe("observability", () => {
  it.effect("each call runs in a span named after the operation, with method, route, status, attempts and request id", () => {
    const { layer } = stubApi((n) =>
      Effect.succeed(n === 1 ? problem(503, "busy") : json(200, wireMessage(), { "x-request-id": "req_ok" }))
    )
    const record = recording()
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      const span = record.spans.find((s) => s.name === "MessagesApi.getMessage")
      expect(span?.kind).toBe("client")
      expect(Object.fromEntries(span?.attributes ?? [])).toMatchObject({
        "http.request.method": "GET",
        "url.template": "/v1/messages/{message_id}",
        "http.response.status_code": 200,
        "convore.attempts": 2,
        "convore.request_id": "req_ok"
      })
      expect(
        record.logs.some((line) =>
          line.startsWith("DEBUG [\"retrying after ServerError\"] {\"attempt\":1,\"wait\":\"500ms\"")
        )
      ).toBe(true)
    }).pipe(Effect.provide(layer), record.provide)
  })

  it.effect("the API key appears in no error, log line, span, toString() or inspect()", () => {
    const answers = [problem(401, "bad key"), problem(503, "busy"), json(200, { ...wireMessage(), date: 1 })]
    const { layer, seen } = stubApi((n) => Effect.succeed(answers[(n - 1) % answers.length]!.clone()))
    const record = recording()
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const errors = yield* Effect.forEach(
        [
          api.getMessage("msg_1"),
          Effect.asVoid(api.listMessages()),
          api.sendMessage({ body: "x" }),
          api.getMessage("..")
        ] as ReadonlyArray<Effect.Effect<unknown, MessagesApiError>>,
        (call) => runOnTestClock(Effect.flip(call))
      )
      const printed = [
        ...errors.flatMap((
          error
        ) => [String(error), inspect(error, { depth: 10 }), JSON.stringify(error), error.stack]),
        inspect(api, { depth: 10 }),
        String(Redacted.make(apiKey)),
        ...record.logs,
        ...record.spans.flatMap((span) => [span.name, inspect(Object.fromEntries(span.attributes), { depth: 10 })])
      ].join("\n")
      // the key did go out, where it belongs
      expect(seen[0]!.headers["authorization"]).toBe(`Bearer ${apiKey}`)
      expect(printed.length).toBeGreaterThan(1000)
      expect(printed).not.toContain(apiKey)
      expect(printed).not.toContain("s3cr3t")
    }).pipe(Effect.provide(layer), record.provide)
  })
})
