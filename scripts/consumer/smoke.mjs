/**
 * A user's program on the installed tarballs, run with plain `node` (no tsx,
 * no loader): it starts the packed mock server through its bin, streams and
 * exports a conversation over HTTP, and runs a test-style program on the
 * in-memory layer under `TestClock`. Any failed assertion exits non-zero.
 */
import { Export, MessagesApi } from "@convore/client"
import { Fixtures, InMemoryMessagesApi, MessageStore } from "@convore/testing"
import { FetchHttpClient } from "@effect/platform"
import { NodeContext, NodeHttpClient } from "@effect/platform-node"
import { Chunk, Effect, Fiber, Layer, Stream, TestClock, TestContext } from "effect"
import assert from "node:assert/strict"
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"

const apiKey = "sk_consumer"

/**
 * `npx convore-mock-server`, resolved once it prints where it listens. It runs
 * in a process group of its own: npx does not pass a signal on to the server.
 */
const startMockServer = () =>
  new Promise((resolve, reject) => {
    const child = spawn("npx", ["convore-mock-server", "--port", "0", "--api-key", apiKey], {
      stdio: ["ignore", "pipe", "inherit"],
      detached: true
    })
    let out = ""
    child.stdout.on("data", (chunk) => {
      out += chunk
      const match = /listening on (http:\/\/\S+)\n/.exec(out)
      if (match !== null) resolve({ url: match[1], stop: () => process.kill(-child.pid, "SIGTERM") })
    })
    child.on("exit", (code) => reject(new Error(`convore-mock-server exited with ${code} before listening: ${out}`)))
  })

const conversationId = Fixtures.supportThread[0].conversation_id
const expected = Fixtures.supportThread.length

/** The same conversation streamed and exported over one transport. */
const overHttp = (name, httpClient, url) =>
  Effect.gen(function*() {
    const api = yield* MessagesApi
    const streamed = Chunk.toReadonlyArray(
      yield* Stream.runCollect(api.streamMessages({ conversation_id: conversationId, limit: 7 }))
    )
    assert.equal(streamed.length, expected, `${name}: streamed every message`)
    for (let i = 1; i < streamed.length; i++) {
      assert.ok(streamed[i - 1].date.epochMillis >= streamed[i].date.epochMillis, `${name}: newest first`)
    }
    const missing = yield* api.getMessage("msg_does_not_exist").pipe(
      Effect.as("found"),
      Effect.catchTag("NotFound", (error) => Effect.succeed(error.status))
    )
    assert.equal(missing, 404, `${name}: catchTag("NotFound")`)

    const path = join(mkdtempSync(join(tmpdir(), "convore-export-")), "support.ndjson")
    const progress = yield* Export.toFile({ path, conversation_id: conversationId, limit: 10 })
    const lines = readFileSync(path, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line))
    assert.equal(progress.messages, expected, `${name}: export counted every message`)
    assert.deepEqual(lines.map((m) => m.id), streamed.map((m) => m.id), `${name}: export holds the stream's messages`)
    console.log(`${name}: streamed and exported ${expected} messages`)
  }).pipe(
    Effect.provide(MessagesApi.layer({ baseUrl: url, apiKey, maxRetries: 0 })),
    Effect.provide(Layer.merge(httpClient, NodeContext.layer))
  )

/** A test as a user writes one: the in-memory layer, and time moved by `TestClock`. */
const inMemory = Effect.gen(function*() {
  const api = yield* MessagesApi
  const fiber = yield* Effect.fork(
    Effect.gen(function*() {
      const sent = yield* api.sendMessage({ channel_id: "chnnl_test", to: ["bob@example.com"], body: "Hello" })
      yield* Effect.sleep("1 day")
      return yield* api.sendMessage({ reply_to_message_id: sent.id, body: "Following up" })
    })
  )
  yield* TestClock.adjust("23 hours")
  assert.equal((yield* (yield* MessageStore).messages).length, 1, "in memory: nothing sent before the day is over")
  yield* TestClock.adjust("1 hour")
  const reply = yield* Fiber.join(fiber)
  const page = yield* api.listMessages({ conversation_id: reply.conversation_id })
  assert.deepEqual(page.data.map((m) => m.body), ["Following up", "Hello"], "in memory: both messages, newest first")
  const refused = yield* api.listMessages({ limit: 101 }).pipe(
    Effect.as("accepted"),
    Effect.catchTag("InvalidRequest", (error) => Effect.succeed(error._tag))
  )
  assert.equal(refused, "InvalidRequest", "in memory: bad input refused with a typed error")
  console.log("in memory: TestClock program passed")
}).pipe(Effect.provide(InMemoryMessagesApi.layer()), Effect.provide(TestContext.TestContext))

const server = await startMockServer()
try {
  await Effect.runPromise(overHttp("fetch", FetchHttpClient.layer, server.url))
  await Effect.runPromise(overHttp("undici", NodeHttpClient.layerUndici, server.url))
  await Effect.runPromise(inMemory)
} finally {
  server.stop()
}
