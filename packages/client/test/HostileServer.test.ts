/**
 * A property test of the client against a server that answers anything:
 * random statuses, headers (a `Content-Length` right, missing or wrong, a
 * `Content-Encoding`, a readable or garbled `Retry-After`, any request id),
 * bodies (messages from the contract's `Arbitrary`, other JSON, text, HTML,
 * huge), bodies cut short,
 * delays past the attempt timeout, and connections that fail. Whatever it
 * answers, each call ends, on the test clock, within its deadline, in a
 * success or one of the documented error tags, never a defect; and no body
 * is read past the client's bound. Seeded, so a failure is reproducible.
 */
import { MessagesApi } from "@convore/client"
import { Message, type MessagesApiError } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Cause, Effect, Exit, FastCheck, Schema, TestClock, TestContext } from "effect"
import { countedBody, runOnTestClock, stubApi, wireMessage } from "./stub.js"

const documented = new Set([
  "BadRequest",
  "Unauthorized",
  "Forbidden",
  "NotFound",
  "Conflict",
  "UnprocessableEntity",
  "RateLimited",
  "ServerError",
  "UnexpectedStatus",
  "TransportError",
  "DecodeError"
])

const encodeMessage = Schema.encodeSync(Message)
const maxResponseBytes = 64 * 1024
const chunk = 4 * 1024
const deadline = 20_000

/** One answer of the hostile server. */
const Answer = FastCheck.record({
  status: FastCheck.constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 418, 422, 429, 500, 502, 503, 504),
  body: FastCheck.oneof(
    Arbitrary.make(Message).map((message) => JSON.stringify(encodeMessage(message))),
    FastCheck.constant(JSON.stringify(wireMessage())),
    FastCheck.constant(JSON.stringify({ data: [wireMessage()], next_cursor: null })),
    FastCheck.json(),
    FastCheck.string({ unit: "binary", maxLength: 200 }),
    FastCheck.string().map((text) => `<html><title>${text}</title><script>${text}`),
    FastCheck.constant(""),
    FastCheck.integer({ min: maxResponseBytes - 10, max: 4 * maxResponseBytes }).map((size) => "x".repeat(size))
  ),
  length: FastCheck.constantFrom("exact", "none", "short", "huge", "garbled"),
  encoding: FastCheck.constantFrom(undefined, "gzip", "identity"),
  retryAfter: FastCheck.option(
    FastCheck.oneof(FastCheck.nat(90).map(String), FastCheck.string(), FastCheck.constant(new Date(0).toUTCString()))
  ),
  requestId: FastCheck.option(FastCheck.string({ maxLength: 40 })),
  cutAt: FastCheck.option(FastCheck.nat(2 * maxResponseBytes)),
  delayMs: FastCheck.oneof(FastCheck.constant(0), FastCheck.nat(5_000)),
  connectionFails: FastCheck.boolean()
})
type Answer = typeof Answer extends FastCheck.Arbitrary<infer A> ? A : never

const noBodyStatuses = new Set([204, 304])

/**
 * The answer as a transport hands it over: a body cut at its `Content-Length`
 * when that says less (as HTTP framing does), or broken at `cutAt`.
 */
const respond = (answer: Answer, pulled: Array<{ readonly bytes: number }>) => {
  const bytes = new TextEncoder().encode(answer.body).length
  const declared = {
    exact: String(bytes),
    none: undefined,
    short: String(Math.floor(bytes / 2)),
    huge: "9999999999",
    garbled: "12abc"
  }[answer.length]
  const headers: Record<string, string> = {
    ...(declared === undefined ? {} : { "content-length": declared }),
    ...(answer.encoding === undefined ? {} : { "content-encoding": answer.encoding }),
    ...(answer.retryAfter === null ? {} : { "retry-after": answer.retryAfter }),
    ...(answer.requestId === null ? {} : { "x-request-id": answer.requestId.replace(/[^\x20-\x7e]/g, "") })
  }
  if (noBodyStatuses.has(answer.status) || bytes === 0) return new Response(null, { status: answer.status, headers })
  const framed = answer.length === "short" ? Math.floor(bytes / 2) : bytes
  const body = countedBody(framed, answer.body, chunk, answer.cutAt ?? undefined)
  pulled.push(body.pulled)
  return new Response(body.stream, { status: answer.status, headers })
}

describe("a hostile server", () => {
  it.effect(
    "every answer ends in a success or a documented error, within the deadline, reading no more than the bound",
    () =>
      Effect.gen(function*() {
        const runs: Array<string> = []
        yield* Effect.promise(() =>
          FastCheck.assert(
            FastCheck.asyncProperty(
              FastCheck.array(Answer, { minLength: 1, maxLength: 4 }),
              FastCheck.constantFrom("getMessage", "listMessages", "sendMessage"),
              async (answers, operation) => {
                const pulled: Array<{ readonly bytes: number }> = []
                const { layer } = stubApi((n) => {
                  const answer = answers[(n - 1) % answers.length]!
                  return Effect.zipRight(
                    Effect.sleep(answer.delayMs),
                    answer.connectionFails
                      ? Effect.fail("connection reset")
                      : Effect.sync(() => respond(answer, pulled))
                  )
                }, { timeout: 2_000, deadline, maxResponseBytes, initialDelay: 100, maxRetryAfter: 5_000 })
                const call = Effect.gen(function*() {
                  const api = yield* MessagesApi
                  const started = yield* TestClock.currentTimeMillis
                  const request: Effect.Effect<unknown, MessagesApiError> = operation === "getMessage"
                    ? api.getMessage("msg_1")
                    : operation === "listMessages"
                    ? api.listMessages({ limit: 10 })
                    : api.sendMessage({ channel_id: "chnnl_1", body: "hi" })
                  const exit = yield* Effect.exit(request)
                  return { exit, elapsed: (yield* TestClock.currentTimeMillis) - started }
                })
                const { elapsed, exit } = await Effect.runPromise(
                  runOnTestClock(call).pipe(Effect.provide(layer), Effect.provide(TestContext.TestContext))
                )
                const tag = Exit.match(exit, {
                  onSuccess: () => "success",
                  onFailure: (cause) =>
                    Cause.isFailType(cause) && documented.has(cause.error._tag) ? cause.error._tag : Cause.pretty(cause)
                })
                runs.push(tag)
                expect(tag === "success" || documented.has(tag), tag).toBe(true)
                expect(elapsed).toBeLessThanOrEqual(deadline)
                for (const body of pulled) expect(body.bytes).toBeLessThanOrEqual(maxResponseBytes + chunk)
              }
            ),
            { seed: 20261125, numRuns: 300 }
          )
        )
        // the generator reaches every kind of outcome, not only one
        expect(new Set(runs).size).toBeGreaterThanOrEqual(8)
      }),
    120_000
  )
})
