import { MessagesApi, RetryPolicy } from "@convore/client"
import { firstIssue, type MessagesApiError, NotFound, RateLimited, ServerError } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Result } from "effect"
import { json, problem, runOnTestClock, stubApi, wireMessage } from "./stub.js"

/** A server that fails with `status` for the first `failures` requests, then answers with a message. */
const failingThen = (failures: number, respond: () => Response) => (n: number) =>
  Effect.succeed(n <= failures ? respond() : json(200, wireMessage()))

describe("retries", () => {
  it.effect("back off exponentially from 0.5 s, doubling, up to 8 s", () => {
    const { layer, seen } = stubApi(failingThen(6, () => problem(503, "busy")), { maxRetries: 6 })
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      const waits = seen.slice(1).map((s, i) => s.at - seen[i]!.at)
      expect(waits).toEqual([500, 1000, 2000, 4000, 8000, 8000])
    }).pipe(Effect.provide(layer))
  })

  it.effect("take up to `jitter` off each backoff delay", () => {
    const { layer, seen } = stubApi(failingThen(2, () => problem(500, "oops")), { jitter: 0.25 })
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      const waits = seen.slice(1).map((s, i) => s.at - seen[i]!.at)
      expect(waits[0]).toBeGreaterThanOrEqual(375)
      expect(waits[0]).toBeLessThanOrEqual(500)
      expect(waits[1]).toBeGreaterThanOrEqual(750)
      expect(waits[1]).toBeLessThanOrEqual(1000)
    }).pipe(Effect.provide(layer))
  })

  it.effect("stop after 2 retries by default and fail with the last error", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(problem(502, "bad gateway")))
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502 })
      expect(seen).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect.each([408, 429, 500, 502, 503, 504])("retry %d", (status) => {
    const { layer, seen } = stubApi(failingThen(1, () => problem(status, "again")))
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      expect(seen).toHaveLength(2)
    }).pipe(Effect.provide(layer))
  })

  it.effect.each([400, 401, 403, 404, 409, 422, 501, 418])("do not retry %d", (status) => {
    const { layer, seen } = stubApi(failingThen(1, () => problem(status, "no")))
    return Effect.gen(function*() {
      yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(seen).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("honour Retry-After in seconds, as an HTTP date, and retry-after-ms", () => {
    const answers = [
      problem(429, "slow down", { "retry-after": "3" }),
      problem(503, "later", { "retry-after": new Date(3_000 + 7_000).toUTCString() }),
      problem(429, "slow down", { "retry-after-ms": "1500" }),
      json(200, wireMessage())
    ]
    const { layer, seen } = stubApi((n) => Effect.succeed(answers[n - 1]!), { maxRetries: 3 })
    return Effect.gen(function*() {
      yield* runOnTestClock((yield* MessagesApi).getMessage("msg_1"))
      expect(seen.map((s) => s.at)).toEqual([0, 3_000, 10_000, 11_500])
    }).pipe(Effect.provide(layer))
  })

  it.effect("fail at once with RateLimited when Retry-After asks for more than 60 s", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(problem(429, "come back tomorrow", { "retry-after": "3600" })))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.hours(1))
      expect(seen).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("count a 429 asking for no wait at all (0, a date gone by) against maxRetries, not retrying forever", () => {
    const { layer, seen } = stubApi((n) =>
      Effect.succeed(
        problem(429, "slow down", { "retry-after": n % 2 === 0 ? "0" : new Date(0).toUTCString() })
      )
    )
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.zero)
      expect(seen.map((s) => s.at)).toEqual([0, 0, 0])
    }).pipe(Effect.provide(layer))
  })

  it.effect("retry a connection failure, then report TransportError", () => {
    const { layer, seen } = stubApi(() => Effect.fail("connect ECONNREFUSED 127.0.0.1:8080"))
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ConnectionFailed" })
      expect(error.message).toBe(
        "getMessage (GET /v1/messages/{message_id}): the request failed: connect ECONNREFUSED 127.0.0.1:8080"
      )
      expect(seen).toHaveLength(3)
    }).pipe(Effect.provide(layer))
  })

  it.effect("time out a stuck attempt, retry it, and report TransportError Timeout", () => {
    const { layer, seen } = stubApi(() => Effect.never, { timeout: "2 seconds" })
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
      expect(error.message).toBe("getMessage (GET /v1/messages/{message_id}): no answer within 2s")
      // three attempts of 2 s with waits of 0.5 s and 1 s between them
      expect(seen.map((s) => s.at)).toEqual([0, 2_500, 5_500])
    }).pipe(Effect.provide(layer))
  })

  it.effect("bound every attempt and wait together with the overall deadline", () => {
    const { layer, seen } = stubApi(() => Effect.never, { timeout: "4 seconds", deadline: "6 seconds" })
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "DeadlineExceeded" })
      expect(seen.map((s) => s.at)).toEqual([0, 4_500])
    }).pipe(Effect.provide(layer))
  })

  it.effect("take per-call overrides of maxRetries and timeout", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(problem(503, "busy")))
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      yield* runOnTestClock(Effect.flip(api.getMessage("msg_1", { maxRetries: 0 })))
      expect(seen).toHaveLength(1)
      yield* runOnTestClock(Effect.flip(api.getMessage("msg_1", { maxRetries: 4 })))
      expect(seen).toHaveLength(6)
      const bad = yield* Effect.flip(api.getMessage("msg_1", { maxRetries: -1 }))
      expect(bad._tag).toBe("InvalidRequest")
      expect(seen).toHaveLength(6)
    }).pipe(Effect.provide(layer))
  })
})

describe("RetryPolicy.isRetryable", () => {
  it("never retries a passed deadline, bad input or a bad body", async () => {
    const { DecodeError, InvalidRequest, TransportError } = await import("@convore/core")
    expect(RetryPolicy.isRetryable(new TransportError({ reason: "DeadlineExceeded", message: "" }))).toBe(false)
    expect(RetryPolicy.isRetryable(new TransportError({ reason: "Timeout", message: "" }))).toBe(true)
    expect(RetryPolicy.isRetryable(new InvalidRequest({ message: "" }))).toBe(false)
    expect(RetryPolicy.isRetryable(new DecodeError({ message: "", path: "" }))).toBe(false)
  })
})

describe("RetryPolicy.schedule", () => {
  /** An effect failing with `errors` in turn, then succeeding, recording when each run began. */
  const failing = (errors: ReadonlyArray<MessagesApiError>, at: Array<number>) => {
    let runs = 0
    return Effect.flatMap(Clock.currentTimeMillis, (now) => {
      at.push(now)
      const error = errors[runs++]
      return error === undefined ? Effect.succeed("done") : Effect.fail(error)
    })
  }

  it.effect("retries a program's own effect as the client does: backoff, Retry-After, then the cap", () =>
    Effect.gen(function*() {
      const policy = yield* Effect.fromResult(RetryPolicy.schedule({ jitter: 0, maxRetries: 2 }))
      const at: Array<number> = []
      const busy = new ServerError({ message: "busy", status: 503 })
      const slowDown = new RateLimited({ message: "slow down", status: 429, retryAfter: Duration.seconds(3) })
      // the 429 that says when to come back does not count against the two retries
      const result = yield* runOnTestClock(Effect.retry(failing([busy, slowDown, busy], at), policy))
      expect(result).toBe("done")
      expect(at).toEqual([0, 500, 3_500, 5_500])
      const never: Array<number> = []
      const error = yield* runOnTestClock(Effect.flip(Effect.retry(failing([busy, busy, busy, busy], never), policy)))
      expect(error).toBe(busy)
      expect(never).toHaveLength(3)
    }))

  it.effect("does not retry what the error says is final", () =>
    Effect.gen(function*() {
      const at: Array<number> = []
      const gone = new NotFound({ message: "gone", status: 404 })
      const error = yield* Effect.flip(
        Effect.retry(failing([gone], at), yield* Effect.fromResult(RetryPolicy.schedule()))
      )
      expect(error).toBe(gone)
      expect(at).toEqual([0])
    }))

  it("refuses options that make no sense, naming them", () => {
    const result = RetryPolicy.schedule({ maxRetries: -1 })
    // Effect 4's ConfigError holds the SchemaError, as `Config.schema` makes it
    expect(Result.isFailure(result) && result.failure._tag).toBe("ConfigError")
    expect(Result.isFailure(result) && firstIssue(result.failure.cause as never)).toEqual({
      path: "maxRetries",
      message: "must be a whole number, got -1"
    })
    expect(Result.isFailure(result) && String(result.failure)).toBe(
      "ConfigError(SchemaError(must be a whole number, got -1\n  at [\"maxRetries\"]))"
    )
  })
})
