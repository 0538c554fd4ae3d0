/**
 * Interrupting an export over real sockets, through each of the platform's
 * transports, against a server slow to answer each page: with a page written
 * and the next one in flight, the interruption ends within a second, leaves
 * no socket, timer or file descriptor behind, and a rerun resumes from the
 * checkpoint to a file holding every message exactly once. Many times over,
 * since an interruption lands at a slightly different point each time.
 */
import { Export, MessagesApi, type MessagesApiOptions } from "@convore/client"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Deferred, Effect, Fiber, Layer, Queue, Stream } from "effect"
import type { HttpClient } from "effect/http"
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { listen, transports } from "./servers.js"
import { apiKey, wireMessage } from "./stub.js"

const pageSize = 5
const pages = 3
const delayMs = 150
const runs = 20
const ids = Array.from({ length: pageSize * pages }, (_, i) => `msg_${String(i).padStart(3, "0")}`)

/**
 * The listing, `pageSize` messages a page with the cursor `<offset>`, each
 * page answered after `delayMs` while `slow` (and at once otherwise), every
 * answer closing its connection so that no socket is kept for reuse: any
 * socket still open belongs to a request nobody aborted. Each request's
 * cursor is offered to `arrived` as it comes in.
 */
const pageServer = Effect.gen(function*() {
  const arrived = yield* Queue.unbounded<number>()
  const state = { slow: true }
  const server = yield* listen((request, response) => {
    const at = Number(new URL(request.url ?? "/", "http://localhost").searchParams.get("cursor") ?? 0)
    const next = at + pageSize
    const answer = () => {
      response.writeHead(200, { "content-type": "application/json", connection: "close" })
      response.end(JSON.stringify({
        data: ids.slice(at, next).map((id) => wireMessage(id)),
        next_cursor: next < ids.length ? String(next) : null
      }))
    }
    Queue.offerUnsafe(arrived, at)
    if (!state.slow) return answer()
    const timer = setTimeout(answer, delayMs)
    request.socket.on("close", () => clearTimeout(timer))
  })
  return { ...server, arrived, state }
})

/** What this process holds open: the timers keeping it alive, and its file descriptors (where Linux shows them). */
const held = () => ({
  timers: process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length,
  descriptors: existsSync("/proc/self/fd") ? readdirSync("/proc/self/fd").length : 0
})

/** A turn of the event loop that is no timer: `held` looks at the process from one. */
const nextTurn = Effect.promise(() => new Promise<void>((resolve) => setImmediate(resolve)))

/**
 * Waits (1 s at most) until nothing more is held open than `before`. Looked
 * at between its own waits, never during one: its own timer (a timeout
 * around it, or the wait it is woken from, which Effect 4 resumes from inside
 * the timer's callback) would count as one the export left behind.
 */
const backTo = (before: ReturnType<typeof held>) =>
  Effect.gen(function*() {
    for (let waited = 0;; waited += 10) {
      yield* nextTurn
      const now = held()
      if (now.timers <= before.timers && now.descriptors <= before.descriptors) return
      if (waited >= 1_000) {
        return yield* Effect.fail(
          new Error(`not within 1 s: back to ${JSON.stringify(before)} held, from ${JSON.stringify(now)}`)
        )
      }
      yield* Effect.sleep("10 millis")
    }
  })

/** `effect`, failing with what did not happen when it takes more than a second. */
const within = <A, E>(what: string, effect: Effect.Effect<A, E>) =>
  Effect.timeoutOrElse(effect, {
    duration: "1 second",
    orElse: () => Effect.fail(new Error(`not within 1 s: ${what}`))
  })

/** The API over `httpClient` and the file system, open for the rest of the test's scope. */
const services = (httpClient: Layer.Layer<HttpClient.HttpClient>, options: MessagesApiOptions) =>
  Layer.build(Layer.merge(MessagesApi.layer(options).pipe(Layer.provide(httpClient)), NodeFileSystem.layer))

/**
 * Node 22's `fetch` keeps the socket of a request aborted before its answer
 * open for good (Node 20's and 24's close it): over fetch there, this test
 * fails at "every socket was closed", and is expected to until Node's does
 * not. `NodeHttpClient.layerUndici`, the transport for Node, closes it.
 */
const keepsAbortedSockets = (transport: string) =>
  transport === "FetchHttpClient" && process.versions.node.startsWith("22.")

describe.each(transports)("an export interrupted over real sockets, through %s", (transport, httpClient) => {
  ;(keepsAbortedSockets(transport) ? it.live.fails : it.live)(
    `ends within a second with a page written and the next in flight, holds nothing, and resumes exactly (${runs} runs)`,
    () =>
      Effect.gen(function*() {
        const server = yield* pageServer
        const context = yield* services(httpClient, { baseUrl: server.url, apiKey })
        const provide = Effect.provide(context)
        for (let run = 0; run < runs; run++) {
          const path = join(mkdtempSync(join(tmpdir(), "convore-interrupted-")), "export.ndjson")
          server.state.slow = true
          const before = held()
          const written = yield* Deferred.make<void>()
          const exporting = yield* Export.run({ path, limit: pageSize }).pipe(
            Stream.tap(() => Deferred.succeed(written, undefined)),
            Stream.runDrain,
            provide,
            Effect.forkChild
          )
          // the first page is written and checkpointed, the request for the second has reached the server
          yield* Deferred.await(written)
          expect(yield* Queue.takeN(server.arrived, 2)).toHaveLength(2)

          yield* within("the interruption ended", Fiber.interrupt(exporting))
          yield* within("every socket was closed", server.allClosed)
          yield* backTo(before)

          server.state.slow = false
          const resumed = yield* Export.toFile({ path, limit: pageSize }).pipe(provide)
          expect(resumed).toMatchObject({ done: true, resumedFrom: pageSize, messages: ids.length })
          const lines = readFileSync(path, "utf8").trimEnd().split("\n")
          expect(lines.map((line) => JSON.parse(line).id)).toEqual(ids)
          yield* Queue.clear(server.arrived)
        }
      }),
    60_000
  )
})
