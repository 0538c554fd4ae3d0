/**
 * `timeout` and `deadline` on the test clock, for every kind of duration: an
 * infinite one is no limit and starts no sleep at all, a huge finite one
 * (past `setTimeout`'s 2^31-1 ms) fires at its exact instant and not before,
 * and interrupting a call whose limits are pending ends it at once.
 */
import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Exit, Fiber } from "effect"
import { TestClock } from "effect/testing"
import { json, stubApi, wireMessage } from "./stub.js"

const days = (n: number) => Duration.toMillis(Duration.days(n))

/** Lets the forked call run until it waits on the (test) clock or the server. */
const settle = Effect.gen(function*() {
  for (let i = 0; i < 20; i++) yield* Effect.yieldNow
})

/**
 * Runs `use` over the test clock recording where each sleep started on it
 * ends (test-clock ms), in order: Effect 4's `TestClock` does not list its
 * sleeps.
 */
const withRecordedSleeps = <A, E, R>(use: (sleeps: ReadonlyArray<number>) => Effect.Effect<A, E, R>) =>
  Effect.clockWith((clock) => {
    const sleeps: Array<number> = []
    const recording: Clock.Clock = {
      ...clock,
      sleep: (duration) =>
        Effect.suspend(() => {
          sleeps.push(clock.currentTimeMillisUnsafe() + Duration.toMillis(duration))
          return clock.sleep(duration)
        })
    }
    return Effect.provideService(use(sleeps), Clock.Clock, recording)
  })

const sorted = (sleeps: ReadonlyArray<number>) => [...sleeps].sort((a, b) => a - b)

describe("an infinite timeout or deadline", () => {
  it.effect.each(
    [
      ["the client's", { timeout: Number.POSITIVE_INFINITY, deadline: Duration.infinity }, undefined],
      ["a call's", {}, { timeout: Duration.infinity, deadline: Number.POSITIVE_INFINITY }]
    ] as const
  )("(%s) lets an answer that takes 3 days through, with no timer armed for it", ([, client, call]) => {
    const { layer, seen } = stubApi(() => Effect.as(Effect.sleep("3 days"), json(200, wireMessage())), client)
    return withRecordedSleeps((sleeps) =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const fiber = yield* Effect.forkChild(api.getMessage("msg_1", call))
        yield* settle
        // the server's own sleep is the only one: neither limit started one
        expect(sorted(sleeps)).toEqual([days(3)])
        yield* TestClock.adjust("3 days")
        expect((yield* Fiber.join(fiber)).id).toBe(wireMessage().id)
        expect(seen).toHaveLength(1)
      })
    ).pipe(Effect.provide(layer))
  })
})

describe("a huge finite timeout or deadline", () => {
  it.effect("a timeout of 30 days (past 2^31-1 ms) fires at 30 days, not before", () => {
    const { layer, seen } = stubApi(() => Effect.never, { timeout: "30 days", maxRetries: 0 })
    return withRecordedSleeps((sleeps) =>
      Effect.gen(function*() {
        expect(days(30)).toBeGreaterThan(2 ** 31 - 1)
        const fiber = yield* Effect.forkChild((yield* MessagesApi).getMessage("msg_1"))
        yield* settle
        expect(sorted(sleeps)).toEqual([days(30)])
        yield* TestClock.adjust(days(30) - 1)
        expect(fiber.pollUnsafe()).toBeUndefined()
        yield* TestClock.adjust(1)
        const error = yield* Effect.flip(Fiber.join(fiber))
        expect(error).toMatchObject({ _tag: "TransportError", reason: "Timeout" })
        expect(error.message).toBe("getMessage (GET /v1/messages/{message_id}): no answer within 30d")
        expect(seen).toHaveLength(1)
      })
    ).pipe(Effect.provide(layer))
  })

  it.effect("a deadline of 30 days, with no attempt timeout, fires at 30 days, not before", () => {
    const { layer } = stubApi(() => Effect.never, { timeout: Number.POSITIVE_INFINITY, deadline: "30 days" })
    return withRecordedSleeps((sleeps) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild((yield* MessagesApi).getMessage("msg_1"))
        yield* settle
        expect(sorted(sleeps)).toEqual([days(30)])
        yield* TestClock.adjust(days(30) - 1)
        expect(fiber.pollUnsafe()).toBeUndefined()
        yield* TestClock.adjust(1)
        expect(yield* Effect.flip(Fiber.join(fiber))).toMatchObject({
          _tag: "TransportError",
          reason: "DeadlineExceeded"
        })
      })
    ).pipe(Effect.provide(layer))
  })
})

describe("interrupting a call with its limits pending", () => {
  it.effect("ends it at once, with its request interrupted", () => {
    let requestInterrupted = false
    const { layer } = stubApi(
      () => Effect.onInterrupt(Effect.never, () => Effect.sync(() => (requestInterrupted = true))),
      { timeout: "1 hour", deadline: "2 hours" }
    )
    return withRecordedSleeps((sleeps) =>
      Effect.gen(function*() {
        const fiber = yield* Effect.forkChild((yield* MessagesApi).getMessage("msg_1"))
        yield* settle
        expect(sorted(sleeps)).toEqual([Duration.toMillis("1 hour"), Duration.toMillis("2 hours")])
        // on the test clock no time passes: the interruption cannot wait for either limit
        yield* Fiber.interrupt(fiber)
        expect(Exit.hasInterrupts(yield* Fiber.await(fiber))).toBe(true)
        expect(requestInterrupted).toBe(true)
      })
    ).pipe(Effect.provide(layer))
  })
})
