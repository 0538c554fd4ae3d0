/**
 * A property test of the client against a server that answers anything:
 * random statuses, headers (a `Content-Length` right, missing or wrong, a
 * `Content-Encoding`, a readable or garbled `Retry-After`, any request id),
 * bodies (messages from the contract's `Arbitrary`, other JSON, text, HTML,
 * huge), bodies cut short, delays past the attempt timeout, and connections
 * that fail, under an attempt timeout that is finite, infinite or huge.
 * Whatever it answers, each call ends, on the test clock, within its
 * deadline, in a success or one of the documented error tags, never a
 * defect; and no body is read past the client's bound. And an export
 * against a slow and failing server, interrupted at any instant, ends at
 * once, and a rerun writes every message exactly once. Seeded, so a failure
 * is reproducible.
 */
import { Export, MessagesApi } from "@convore/client"
import { Message, type MessagesApiError } from "@convore/core"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Cause, Clock, type Duration, Effect, Exit, Fiber, Layer, Option, Schema, Stream } from "effect"
import { TestClock } from "effect/testing"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { constantFrom, nat, oneof, option } from "./arbitraries.js"
import { countedBody, json, problem, runOnTestClock, stubApi, wireMessage } from "./stub.js"

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

const text = Arbitrary.schema(Schema.String)

/** One answer of the hostile server. */
const Answer = Arbitrary.all({
  status: constantFrom(200, 201, 204, 301, 400, 401, 403, 404, 408, 409, 418, 422, 429, 500, 502, 503, 504),
  body: oneof(
    Arbitrary.map(Arbitrary.schema(Message), (message) => JSON.stringify(encodeMessage(message))),
    Arbitrary.Constant(JSON.stringify(wireMessage())),
    Arbitrary.Constant(JSON.stringify({ data: [wireMessage()], next_cursor: null })),
    Arbitrary.map(Arbitrary.schema(Schema.Json), (json) => JSON.stringify(json)),
    Arbitrary.map(Arbitrary.array(nat(255), { maxLength: 200 }), (codes) => String.fromCharCode(...codes)),
    Arbitrary.map(text, (text) => `<html><title>${text}</title><script>${text}`),
    Arbitrary.Constant(""),
    Arbitrary.map(
      nat(4 * maxResponseBytes - (maxResponseBytes - 10)),
      (extra) => "x".repeat(maxResponseBytes - 10 + extra)
    )
  ),
  length: constantFrom("exact", "none", "short", "huge", "garbled"),
  encoding: constantFrom(undefined, "gzip", "identity"),
  retryAfter: option(oneof(Arbitrary.map(nat(90), String), text, Arbitrary.Constant(new Date(0).toUTCString()))),
  requestId: option(Arbitrary.map(text, (text) => text.slice(0, 40))),
  cutAt: option(nat(2 * maxResponseBytes)),
  delayMs: oneof(Arbitrary.Constant(0), nat(5_000)),
  connectionFails: constantFrom(false, true)
})
type Answer = typeof Answer extends Arbitrary.Arbitrary<infer A> ? A : never

/**
 * The attempt timeout: finite, infinite (no limit) or huge (past
 * `setTimeout`'s 2^31-1 ms, which must not fire early).
 */
const Timeout = constantFrom<Duration.Input>(2_000, Number.POSITIVE_INFINITY, "30 days")

const noBodyStatuses = new Set([204, 304])

const pageSize = 3
const listing = Array.from({ length: 4 * pageSize }, (_, i) => `msg_${String(i).padStart(3, "0")}`)

/** The page of `listing` a listing request asks for, by its `<offset>` cursor. */
const listingPage = (url: URL) => {
  const at = Number(url.searchParams.get("cursor") ?? 0)
  const next = at + pageSize
  return {
    data: listing.slice(at, next).map((id) => wireMessage(id)),
    next_cursor: next < listing.length ? String(next) : null
  }
}

/**
 * An export against a server answering each listing request after a delay,
 * some with a 503, interrupted at a test-clock instant; each attempt within
 * a timeout that is finite, infinite or huge.
 */
const ExportRun = Arbitrary.all({
  delays: Arbitrary.array(nat(3_000), { minLength: 1, maxLength: 6 }),
  failing: Arbitrary.array(constantFrom(false, true), { minLength: 1, maxLength: 6 }),
  prefetch: nat(2),
  timeout: Timeout,
  at: nat(15_000)
})

/** A real turn of the event loop, for file system work to go on while the test clock stands still. */
const nextTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Moves the test clock on to `at` in steps of 100 ms (each sleep still wakes
 * at its own instant), giving the file system a real turn of the event loop
 * after each; stops early once `fiber` is done.
 */
const advanceTo = (at: number, fiber: Fiber.Fiber<unknown, unknown>) =>
  Effect.gen(function*() {
    const start = yield* Clock.currentTimeMillis
    for (let now = start; now < start + at && fiber.pollUnsafe() === undefined;) {
      const step = Math.min(100, start + at - now)
      yield* TestClock.adjust(step)
      now += step
      yield* nextTurn
    }
  })

/** `text` as a header can carry it: printable ASCII, no space at either end. */
const headerValue = (text: string) => text.replace(/[^\x20-\x7e]/g, "").trim()

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
    ...(answer.retryAfter === null ? {} : { "retry-after": headerValue(answer.retryAfter) }),
    ...(answer.requestId === null ? {} : { "x-request-id": headerValue(answer.requestId) })
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
        const result = yield* Arbitrary.checkEffect(
          Arbitrary.all([
            Arbitrary.array(Answer, { minLength: 1, maxLength: 4 }),
            constantFrom("getMessage", "listMessages", "sendMessage"),
            Timeout
          ]),
          ([answers, operation, timeout]) => {
            const pulled: Array<{ readonly bytes: number }> = []
            const { layer } = stubApi((n) => {
              const answer = answers[(n - 1) % answers.length]!
              return Effect.andThen(
                Effect.sleep(answer.delayMs),
                answer.connectionFails
                  ? Effect.fail("connection reset")
                  : Effect.sync(() => respond(answer, pulled))
              )
            }, { timeout, deadline, maxResponseBytes, initialDelay: 100, maxRetryAfter: 5_000 })
            const call = Effect.gen(function*() {
              const api = yield* MessagesApi
              const started = yield* Clock.currentTimeMillis
              const request: Effect.Effect<unknown, MessagesApiError> = operation === "getMessage"
                ? api.getMessage("msg_1")
                : operation === "listMessages"
                ? api.listMessages({ limit: 10 })
                : api.sendMessage({ channel_id: "chnnl_1", body: "hi" })
              const exit = yield* Effect.exit(request)
              return { exit, elapsed: (yield* Clock.currentTimeMillis) - started }
            })
            return Effect.map(runOnTestClock(call).pipe(Effect.provide(layer)), ({ elapsed, exit }) => {
              const tag = Exit.match(exit, {
                onSuccess: () => "success",
                onFailure: (cause) => {
                  const error = Option.getOrUndefined(Cause.findErrorOption(cause))
                  return cause.reasons.length === 1 && error !== undefined && documented.has(error._tag)
                    ? error._tag
                    : Cause.pretty(cause)
                }
              })
              runs.push(tag)
              expect(tag === "success" || documented.has(tag), tag).toBe(true)
              expect(elapsed).toBeLessThanOrEqual(deadline)
              for (const body of pulled) expect(body.bytes).toBeLessThanOrEqual(maxResponseBytes + chunk)
              return true
            })
          },
          { seed: 20261125, runs: 300 }
        )
        expect(Arbitrary.formatCheckFailure(result)).toBeUndefined()
        // the generator reaches every kind of outcome, not only one
        expect(new Set(runs).size).toBeGreaterThanOrEqual(8)
      }),
    120_000
  )

  it.effect(
    "an export interrupted at any instant ends at once, and a rerun writes every message exactly once",
    () =>
      Effect.gen(function*() {
        const outcomes: Array<string> = []
        const result = yield* Arbitrary.checkEffect(ExportRun, (run) => {
          const path = join(mkdtempSync(join(tmpdir(), "convore-hostile-export-")), "export.ndjson")
          const served = { hostile: true }
          const { layer } = stubApi((n, seen) => {
            const page = Effect.sync(() => json(200, listingPage(seen.url)))
            if (!served.hostile) return page
            const delay = run.delays[(n - 1) % run.delays.length]!
            return Effect.andThen(
              Effect.sleep(delay),
              run.failing[(n - 1) % run.failing.length] ? Effect.succeed(problem(503, "busy")) : page
            )
          }, { timeout: run.timeout, deadline, initialDelay: 100 })
          return Effect.gen(function*() {
            const exporting = yield* Effect.forkChild(
              Stream.runDrain(Export.run({ path, limit: pageSize, prefetch: run.prefetch }))
            )
            yield* advanceTo(run.at, exporting)
            yield* Fiber.interrupt(exporting).pipe(Effect.timeout("1 second"), TestClock.withLive)
            const exit = yield* Fiber.await(exporting)
            outcomes.push(Exit.hasInterrupts(exit) ? "interrupted" : Exit.isSuccess(exit) ? "done" : "failed")
            served.hostile = false
            const resumed = yield* runOnTestClock(Export.toFile({ path, limit: pageSize }))
            expect(resumed).toMatchObject({ done: true, messages: listing.length })
            const lines = readFileSync(path, "utf8").trimEnd().split("\n")
            expect(lines.map((line) => JSON.parse(line).id)).toEqual(listing)
            return true
          }).pipe(Effect.provide(Layer.merge(layer, NodeFileSystem.layer)))
        }, { seed: 20261126, runs: 100 })
        expect(Arbitrary.formatCheckFailure(result)).toBeUndefined()
        // the instants reach every state of an export: running, finished, and failed for good
        expect(new Set(outcomes)).toEqual(new Set(["interrupted", "done", "failed"]))
      }),
    120_000
  )
})
