/**
 * Under faults at the HTTP and socket level (seeded, so every run injects
 * the same ones), the client loses nothing, duplicates nothing, and never
 * prints the API key: this file records every span, log line and error it
 * produces and searches them at the end.
 */
import { Export, MessagesApi } from "@convore/client"
import type { Message } from "@convore/core"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Layer, Redacted } from "effect"
import { FetchHttpClient } from "effect/http"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { inspect } from "node:util"
import { Fixtures, MessageStore, MockServer, Recording } from "../src/index.js"
import { apiKey, clientAndServer } from "./helpers.js"

const recording = Recording.make()
/** Everything printed of the errors the tests saw: `String`, `inspect`, JSON and stack. */
const printed: Array<string> = []
const keep = (error: unknown) =>
  printed.push(String(error), inspect(error, { depth: 10 }), JSON.stringify(error), (error as Error).stack ?? "")

const listingOrder = (a: Message, b: Message) =>
  DateTime.toEpochMillis(b.date) - DateTime.toEpochMillis(a.date) || (a.id < b.id ? 1 : -1)

describe("reliability under injected faults", () => {
  it.live(
    "an export of 20,000 messages through 503s, 429s, resets and cut bodies ends with each message once, in order",
    () => {
      const big = Fixtures.conversation({
        conversationId: "cnv_big",
        channelId: "chnnl_big",
        subject: "Big",
        people: [{ name: "A", address: "a@x.example" }, { name: "B", address: "b@x.example" }],
        messages: 20_000,
        start: "2020-01-01T00:00:00Z",
        everyMinutes: 1
      })
      const path = join(mkdtempSync(join(tmpdir(), "convore-faults-")), "big.ndjson")
      const faults = {
        failureRate: 0.1,
        rateLimitRate: 0.05,
        resetMidBodyRate: 0.03,
        truncatedBodyRate: 0.02,
        retryAfter: 0,
        seed: 7
      }
      return Effect.gen(function*() {
        const server = yield* MockServer
        // run the export until it is done: a page that fails all its retries ends a run, the next resumes
        let runs = 0
        let done = false
        while (!done && runs < 20) {
          runs++
          const result = yield* Effect.result(Export.toFile({ path, conversation_id: "cnv_big", limit: 100 }))
          if (result._tag === "Failure") keep(result.failure)
          else done = result.success.done
        }
        const ids = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line).id as string)
        const expected = [...big].sort(listingOrder).map((m) => m.id)
        const requests = yield* server.requests
        const injected = requests.filter((r) => r.fault !== undefined)
        console.log(
          `export under faults: ${requests.length} requests, ${injected.length} faults injected (${
            ["ServiceUnavailable", "RateLimited", "ResetMidBody", "TruncatedBody"].map((kind) =>
              `${kind} ${injected.filter((r) => r.fault === kind).length}`
            ).join(", ")
          }), ${runs} run(s), ${ids.length} messages checked, ${ids.length - new Set(ids).size} duplicates`
        )
        expect(done).toBe(true)
        expect(ids).toEqual(expected)
        expect(injected.length).toBeGreaterThan(20)
      }).pipe(
        Effect.provide(Layer.merge(clientAndServer({ messages: big, faults }), NodeFileSystem.layer)),
        recording.provide
      )
    },
    120_000
  )

  it.live(
    "500 sends where 10% of the committed POSTs lose their answer leave no duplicate",
    () =>
      Effect.gen(function*() {
        const api = yield* MessagesApi
        const server = yield* MockServer
        const sent = yield* Effect.forEach(
          Array.from({ length: 500 }, (_, i) => i),
          (i) => api.sendMessage({ channel_id: "chnnl_1", to: ["bob@example.com"], body: `send #${i}` }),
          { concurrency: 10 }
        )
        const stored = (yield* (yield* MessageStore).messages).filter((m) => m.body?.startsWith("send #"))
        const dropped = (yield* server.requests).filter((r) => r.fault === "DroppedAfterCommit").length
        const bodies = stored.map((m) => m.body)
        console.log(
          `sends with lost answers: 500 sends, ${dropped} answers dropped after commit, ${stored.length} stored, ${
            bodies.length - new Set(bodies).size
          } duplicates`
        )
        expect(new Set(sent.map((m) => m.id)).size).toBe(500)
        expect(stored).toHaveLength(500)
        expect(new Set(bodies).size).toBe(500)
        expect(dropped).toBeGreaterThan(20)
      }).pipe(
        Effect.provide(clientAndServer({ faults: { dropAfterCommitRate: 0.1, seed: 3 } }, { maxRetries: 5 })),
        recording.provide
      ),
    60_000
  )

  it.live("connections reset before the headers are retried; one that never recovers is a TransportError", () =>
    Effect.gen(function*() {
      const api = yield* MessagesApi
      const server = yield* MockServer
      const id = Fixtures.supportThread[0]!.id
      yield* server.setFaults({ resetBeforeHeadersRate: 0.5, seed: 11 })
      for (let i = 0; i < 20; i++) yield* api.getMessage(id, { maxRetries: 8 })
      yield* server.setFaults({ resetBeforeHeadersRate: 1 })
      const error = yield* Effect.flip(api.getMessage(id))
      keep(error)
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ConnectionFailed" })
    }).pipe(Effect.provide(clientAndServer()), recording.provide))

  it.live("the errors of a whole tour of failures are typed, and keep the key out", () =>
    Effect.gen(function*() {
      const api = yield* MessagesApi
      const server = yield* MockServer
      const calls: ReadonlyArray<Effect.Effect<unknown, unknown>> = [
        api.getMessage("msg_unknown"),
        api.getMessage(".."),
        api.listMessages({ cursor: "forged" }),
        api.sendMessage({ body: "nowhere" }),
        api.sendMessage({ reply_to_message_id: "msg_unknown", body: "x" }),
        api.importMessage({
          conversation_id: "cnv_nobody",
          date: DateTime.makeUnsafe(0),
          sender: Fixtures.supportThread[0]!.sender,
          recipients: []
        }),
        api.updateMessage("msg_unknown", { subject: "x" }),
        Effect.andThen(server.failNext(3, 503), api.listMessages()),
        Effect.andThen(server.failNext(1, 429, 3600), api.listMessages()),
        Effect.andThen(server.failNext(1, 418), api.listMessages())
      ]
      for (const call of calls) keep(yield* Effect.flip(call))
      const wrongKey = yield* Effect.flip(
        Effect.flatMap(MessagesApi, (other) => other.getMessage("msg_1")).pipe(
          Effect.provide(
            MessagesApi.layer({ baseUrl: server.url, apiKey: Redacted.make("sk_wrong") }).pipe(
              Layer.provide(FetchHttpClient.layer)
            )
          )
        )
      )
      keep(wrongKey)
      expect(printed.length).toBeGreaterThan(40)
    }).pipe(Effect.provide(clientAndServer()), recording.provide))

  it("the API key appears in no error, log line or span the tests above produced", () => {
    const everything = [
      ...printed,
      ...recording.logs,
      ...recording.spans.flatMap((span) => [span.name, inspect(Object.fromEntries(span.attributes), { depth: 10 })])
    ].join("\n")
    expect(recording.spans.length).toBeGreaterThan(100)
    expect(recording.logs.length).toBeGreaterThan(10)
    expect(everything).not.toContain(apiKey)
    expect(everything).not.toContain("s3cr3t")
  })
})
