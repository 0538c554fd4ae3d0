/**
 * `node smoke-node.mjs NAME BASE_URL API_KEY`: the Effect 4 line on Node, run
 * with plain `node` (no tsx, no loader). The runtime smoke over `fetch`, then
 * an export of its 300-message conversation to a file over
 * `NodeHttpClient.layerUndici` (the file holds what the stream gave, in
 * order); `MockServer.layer` of `@convore/testing` serving a fixture over
 * `NodeHttpServer`; and a test-style program on the in-memory layer under
 * `TestClock`. Prints `NAME: PASS …` or `NAME: FAIL …` and exits 1 on a
 * failure.
 */
import { Export, MessagesApi } from "@convore/client"
import { Fixtures, InMemoryMessagesApi, MessageStore, MockServer } from "@convore/testing"
import { NodeFileSystem, NodeHttpClient } from "@effect/platform-node"
import { Effect, Fiber, Layer, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import assert from "node:assert/strict"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runSmoke } from "./smoke-core.mjs"

const [runtime = `node ${process.version}`, baseUrl = "http://127.0.0.1:8080", apiKey = "sk_smoke"] = process.argv
  .slice(2)

/** The grown conversation exported to a file over undici, checked against what the stream gave. */
const exportToFile = (conversation_id, streamed) =>
  Effect.gen(function*() {
    const path = join(mkdtempSync(join(tmpdir(), "convore-export-")), "smoke.ndjson")
    const progress = yield* Export.toFile({ path, conversation_id, limit: 40 })
    const lines = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line))
    assert.equal(progress.messages, streamed.length, "the export counted every message")
    assert.ok(progress.done && progress.pages >= 8, `the export is done, over 8 pages or more: ${progress.pages}`)
    assert.deepEqual(
      lines.map((m) => m.id),
      streamed.map((m) => m.id),
      "the file holds the stream's messages, in order"
    )
    return `${progress.messages} messages exported over undici in ${progress.pages} pages`
  }).pipe(
    Effect.provide(MessagesApi.layer({ baseUrl, apiKey, maxRetries: 6, initialDelay: 10 })),
    Effect.provide(Layer.merge(NodeHttpClient.layerUndici, NodeFileSystem.layer))
  )

/** `MockServer.layer`, in this process: a fixture conversation streamed from it, and a 404 by its tag. */
const mockServer = Effect.gen(function*() {
  const api = yield* MessagesApi
  const conversation_id = Fixtures.supportThread[0].conversation_id
  const streamed = yield* Stream.runCollect(api.streamMessages({ conversation_id, limit: 7 }))
  assert.equal(streamed.length, Fixtures.supportThread.length, "MockServer: streamed every fixture message")
  assert.equal(new Set(streamed.map((m) => m.id)).size, streamed.length, "MockServer: no message twice")
  const missing = yield* Effect.flip(api.getMessage("msg_does_not_exist"))
  assert.equal(missing._tag, "NotFound", "MockServer: a missing message is NotFound")
  return `MockServer.layer served ${streamed.length} fixture messages`
}).pipe(
  Effect.provide(
    Layer.unwrap(Effect.map(MockServer, (server) => MessagesApi.layer({ baseUrl: server.url, apiKey, maxRetries: 0 })))
      .pipe(
        Layer.provide(FetchHttpClient.layer),
        Layer.provideMerge(MockServer.layer({ apiKey, messages: Fixtures.conversations }))
      )
  )
)

/** A test as a user writes one: the in-memory layer, and time moved by `TestClock`. */
const inMemory = Effect.gen(function*() {
  const api = yield* MessagesApi
  const store = yield* MessageStore
  const fiber = yield* Effect.forkChild(
    Effect.gen(function*() {
      const sent = yield* api.sendMessage({ channel_id: "chnnl_test", to: ["bob@example.com"], body: "Hello" })
      yield* Effect.sleep("1 day")
      return yield* api.sendMessage({ reply_to_message_id: sent.id, body: "Following up" })
    })
  )
  yield* TestClock.adjust("23 hours")
  assert.equal((yield* store.messages).length, 1, "in memory: nothing sent before the day is over")
  yield* TestClock.adjust("1 hour")
  const reply = yield* Fiber.join(fiber)
  const page = yield* api.listMessages({ conversation_id: reply.conversation_id })
  assert.deepEqual(page.data.map((m) => m.body), ["Following up", "Hello"], "in memory: both messages, newest first")
  const day = page.data[0].date.epochMilliseconds - page.data[1].date.epochMilliseconds
  assert.equal(day, 24 * 60 * 60 * 1000, "in memory: the reply is dated a TestClock day later")
  const refused = yield* api.listMessages({ limit: 101 }).pipe(
    Effect.as("accepted"),
    Effect.catchTag("InvalidRequest", (error) => Effect.succeed(error._tag))
  )
  assert.equal(refused, "InvalidRequest", "in memory: bad input refused with a typed error")
  return "the in-memory layer under TestClock"
}).pipe(Effect.provide(InMemoryMessagesApi.layer()), Effect.provide(TestClock.layer()))

try {
  const line = await runSmoke(runtime, baseUrl, apiKey, exportToFile)
  const local = await Effect.runPromise(Effect.all([mockServer, inMemory]))
  console.log(`${line.slice(0, -1)}; ${local.join(", ")})`)
} catch (error) {
  console.log(`${runtime}: FAIL ${error?.message ?? error}`)
  process.exitCode = 1
}
