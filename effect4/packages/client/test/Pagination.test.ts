import { ServerError } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Deferred, Duration, Effect, Exit, Fiber, Stream } from "effect"
import { listingApi, messages } from "./pages.js"
import { runOnTestClock } from "./stub.js"

const ids = (messages: ReadonlyArray<{ readonly id: string }>) => messages.map((m) => m.id)

describe("streamMessages", () => {
  it.effect("delivers 10,000 messages over 100 pages, each exactly once and in order", () =>
    Effect.gen(function*() {
      const all = messages(10_000)
      const { api, calls } = listingApi(all)
      const got = ids(yield* Stream.runCollect(api.streamMessages()))
      expect(got).toEqual(all.map((m) => m.id))
      expect(new Set(got).size).toBe(10_000)
      expect(calls).toHaveLength(100)
    }))

  it.effect("passes its parameters on, and resumes from a given cursor", () =>
    Effect.gen(function*() {
      const all = messages(250)
      const { api, calls } = listingApi(all)
      const got = ids(yield* Stream.runCollect(api.streamMessages({ cursor: "at:120", limit: 50, format: "minimal" })))
      expect(got).toEqual(all.slice(120).map((m) => m.id))
      expect(calls[0]).toEqual({ cursor: "at:120", limit: 50, format: "minimal" })
      expect(calls.map((c) => c.cursor)).toEqual(["at:120", "at:170", "at:220"])
    }))

  it.effect("follows an empty page that still has a cursor", () =>
    Effect.gen(function*() {
      const all = messages(30)
      const { api } = listingApi(all, (params) =>
        Effect.succeed(params.cursor === "at:10" ? { data: [], next_cursor: "at:20" } : undefined))
      const got = ids(yield* Stream.runCollect(api.streamMessages({ limit: 10 })))
      expect(got).toEqual([...all.slice(0, 10), ...all.slice(20)].map((m) =>
        m.id
      ))
    }))

  it.effect("fails with CursorRepeated instead of looping when a cursor comes back", () =>
    Effect.gen(function*() {
      const all = messages(100)
      const { api, calls } = listingApi(all, (params) =>
        Effect.succeed(params.cursor === "at:20" ? { data: all.slice(20, 30), next_cursor: "at:10" } : undefined))
      const error = yield* Effect.flip(Stream.runDrain(api.streamMessages({ limit: 10 })))
      expect(error).toMatchObject({
        _tag: "PaginationError",
        reason: "CursorRepeated",
        cursor: "at:10",
        pagesDelivered: 3
      })
      expect(calls).toHaveLength(3)
    }))

  it.effect("delivers the page that sent a repeated cursor before failing, as pagesDelivered counts it", () =>
    Effect.gen(function*() {
      const all = messages(100)
      const { api } = listingApi(
        all,
        (params) =>
          Effect.succeed(params.cursor === "at:20" ? { data: all.slice(20, 30), next_cursor: "at:10" } : undefined)
      )
      const delivered: Array<string> = []
      const error = yield* Effect.flip(
        Stream.runForEach(api.streamMessages({ limit: 10 }), (m) => Effect.sync(() => delivered.push(m.id)))
      )
      expect(error).toMatchObject({ reason: "CursorRepeated", pagesDelivered: 3 })
      expect(delivered).toEqual(all.slice(0, 30).map((m) => m.id))
    }))

  it.effect("fails with the cursor to resume from, and resuming there loses and repeats nothing", () =>
    Effect.gen(function*() {
      const all = messages(500)
      let broken = true
      const { api } = listingApi(all, (params) =>
        broken && params.cursor === "at:300"
          ? Effect.fail(new ServerError({ message: "503 Service Unavailable", status: 503 }))
          : Effect.succeed(undefined))
      const delivered: Array<string> = []
      const error = yield* Effect.flip(
        Stream.runForEach(api.streamMessages(), (m) => Effect.sync(() => delivered.push(m.id)))
      )
      expect(error).toMatchObject({
        _tag: "PaginationError",
        reason: "PageFailed",
        cursor: "at:300",
        pagesDelivered: 3
      })
      expect(error.cause?._tag).toBe("ServerError")
      expect(delivered).toEqual(all.slice(0, 300).map((m) => m.id))
      broken = false
      const rest = ids(yield* Stream.runCollect(api.streamMessages({ cursor: error.cursor! })))
      expect([...delivered, ...rest]).toEqual(all.map((m) => m.id))
    }))

  it.effect("fetches no page beyond the prefetch when the consumer takes only a few", () =>
    Effect.gen(function*() {
      const { api, calls } = listingApi(messages(1_000))
      const first = yield* Stream.runCollect(Stream.take(api.streamMessages({ limit: 10 }), 15))
      expect(first).toHaveLength(15)
      // pages 1 and 2 hold the 15 messages; page 3 may have been prefetched; never more
      expect(calls.length).toBeGreaterThanOrEqual(2)
      expect(calls.length).toBeLessThanOrEqual(3)
      const noPrefetch = listingApi(messages(1_000))
      yield* Stream.runDrain(Stream.take(noPrefetch.api.streamMessages({ limit: 10, prefetch: 0 }), 15))
      expect(noPrefetch.calls).toHaveLength(2)
    }))

  it.effect("dies with a defect of listMessages instead of hanging", () =>
    Effect.gen(function*() {
      const { api } = listingApi(messages(300), (params) =>
        params.cursor === "at:100" ? Effect.die(new Error("bug in a stub")) : Effect.succeed(undefined))
      const exit = yield* Effect.exit(Stream.runDrain(api.streamMessages()))
      expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(true)
    }))

  it.effect("stops after maxPages", () =>
    Effect.gen(function*() {
      const { api, calls } = listingApi(messages(1_000))
      const pages = yield* Stream.runCollect(api.streamPages({ limit: 10, maxPages: 4 }))
      expect(pages).toHaveLength(4)
      expect(calls).toHaveLength(4)
    }))

  it.effect("takes any maxPages without dying: Infinity is all, a fraction rounds up, NaN or below 0 is none", () =>
    Effect.gen(function*() {
      const pagesOf = (params: { readonly maxPages: number; readonly prefetch?: number }) =>
        Stream.runCount(listingApi(messages(50)).api.streamPages({ limit: 10, ...params }))
      expect(yield* pagesOf({ maxPages: Infinity })).toBe(5)
      expect(yield* pagesOf({ maxPages: 2.5 })).toBe(3)
      expect(yield* pagesOf({ maxPages: NaN })).toBe(0)
      expect(yield* pagesOf({ maxPages: -1 })).toBe(0)
      expect(yield* pagesOf({ maxPages: 3, prefetch: NaN })).toBe(3)
      expect(yield* pagesOf({ maxPages: 3, prefetch: Infinity })).toBe(3)
    }))

  it.effect("takes any maxPages without dying: Infinity is all, a fraction rounds up, NaN or below 0 is none", () =>
    Effect.gen(function*() {
      const pagesOf = (params: { readonly maxPages: number; readonly prefetch?: number }) =>
        Stream.runCount(listingApi(messages(50)).api.streamPages({ limit: 10, ...params }))
      expect(yield* pagesOf({ maxPages: Infinity })).toBe(5)
      expect(yield* pagesOf({ maxPages: 2.5 })).toBe(3)
      expect(yield* pagesOf({ maxPages: NaN })).toBe(0)
      expect(yield* pagesOf({ maxPages: -1 })).toBe(0)
      expect(yield* pagesOf({ maxPages: 3, prefetch: NaN })).toBe(3)
      expect(yield* pagesOf({ maxPages: 3, prefetch: Infinity })).toBe(3)
    }))
})

describe("prefetch", () => {
  /** Pages that take 100 ms to arrive, consumed by a consumer that takes 100 ms per page. */
  const timed = (prefetch: number) =>
    Effect.gen(function*() {
      const { api } = listingApi(messages(1_000), () => Effect.as(Effect.sleep("100 millis"), undefined))
      const [elapsed] = yield* runOnTestClock(
        Effect.timed(Stream.runForEach(api.streamPages({ limit: 100, prefetch }), () => Effect.sleep("100 millis")))
      )
      return Duration.toMillis(elapsed)
    })

  it.effect("overlaps fetching page n+1 with the consumer's work on page n", () =>
    Effect.gen(function*() {
      // 10 pages: without prefetch 10 × (100 + 100) ms; with it the fetches hide behind the work
      expect(yield* timed(0)).toBe(2_000)
      expect(yield* timed(1)).toBe(1_100)
    }))

  it.effect.each([0, 1, 3])(
    "fetches exactly %d page(s) ahead of a consumer busy with its first page",
    (prefetch) =>
      Effect.gen(function*() {
        const { api, calls } = listingApi(messages(1_000))
        const busy = yield* Deferred.make<void>()
        const consumer = yield* Effect.forkChild(
          Stream.runForEach(api.streamPages({ limit: 10, prefetch }), () => Deferred.await(busy))
        )
        for (let i = 0; i < 50; i++) yield* Effect.yieldNow
        expect(calls).toHaveLength(1 + prefetch)
        yield* Fiber.interrupt(consumer)
      })
  )
})
