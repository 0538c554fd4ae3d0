/**
 * The runtime smoke, the same program on every runtime we claim: real calls
 * over `FetchHttpClient` against a mock server that answers a share of
 * requests with 503. It sends a message and gets it back, grows the
 * conversation to 300 messages and streams them (count and order checked),
 * catches a 404 by its tag, and checks that 503s were retried into
 * successes and that the client decodes on its generated fast path.
 * `run-smoke.mjs` runs it from a command line (Node, Bun, Deno), `worker.mjs`
 * inside a Cloudflare Worker.
 */
import { MessagesApi } from "@convore/client"
import { FastDecoder, PageMessage } from "@convore/core"
import { FetchHttpClient, HttpClient } from "@effect/platform"
import { Chunk, Effect, Layer, Stream } from "effect"

/**
 * Which decoder this runtime gives the client: the generated fast path, plain
 * code generated ahead of time, so on every runtime (workerd and a page under a
 * Content-Security-Policy included; the smoke fails without it), or the
 * Schema decoder and why.
 */
const pageDecoder = FastDecoder.make(PageMessage)
const decoder = () => pageDecoder.compiled ? "generated decoder" : `Schema decoder: ${pageDecoder.reason}`

const check = (ok, what) => ok ? Effect.void : Effect.fail(new Error(what))

/** Runs the smoke against `baseUrl`: its summary line, or a rejection saying what failed. */
export const runSmoke = (runtime, baseUrl, apiKey) => {
  const statuses = []
  const recordStatuses = (client) =>
    HttpClient.tap(client, (response) => Effect.sync(() => statuses.push(response.status)))
  const started = Date.now()
  return Effect.runPromise(
    smoke(runtime, statuses).pipe(
      Effect.provide(
        MessagesApi.layer({ baseUrl, apiKey, maxRetries: 6, initialDelay: 10, transformClient: recordStatuses }).pipe(
          Layer.provide(FetchHttpClient.layer)
        )
      )
    )
  ).then((summary) => `${runtime}: PASS (${summary}, ${Date.now() - started} ms, ${decoder()})`)
}

const smoke = (runtime, statuses) =>
  Effect.gen(function*() {
    yield* check(pageDecoder.compiled, `the generated decoder is off: ${pageDecoder.reason}`)
    const api = yield* MessagesApi
    const sent = yield* api.sendMessage({
      channel_id: "chnnl_smoke",
      to: ["ada@example.com"],
      body: `hello from ${runtime}`
    })
    const got = yield* api.getMessage(sent.id)
    yield* check(got.id === sent.id && got.body === sent.body, "getMessage did not give back the message sent")

    yield* Effect.forEach(
      Array.from({ length: 299 }, (_, i) => i),
      (i) => api.sendMessage({ reply_to_message_id: sent.id, body: `reply ${i}` }),
      { concurrency: 8, discard: true }
    )
    const streamed = Chunk.toReadonlyArray(
      yield* Stream.runCollect(api.streamMessages({ conversation_id: sent.conversation_id, limit: 50 }))
    )
    yield* check(streamed.length === 300, `streamed ${streamed.length} messages, not 300`)
    yield* check(new Set(streamed.map((m) => m.id)).size === 300, "the stream repeated a message")
    const ordered = streamed.every((m, i) => i === 0 || streamed[i - 1].date.epochMillis >= m.date.epochMillis)
    yield* check(ordered, "the stream is not newest first")

    const missing = yield* api.getMessage("msg_does_not_exist").pipe(
      Effect.as("found"),
      Effect.catchTag("NotFound", (error) => Effect.succeed(error._tag))
    )
    yield* check(missing === "NotFound", `a missing message gave ${missing}, not NotFound`)
    const retried = statuses.filter((status) => status === 503).length
    yield* check(retried > 0, "no 503 was answered, so none was retried")
    return `${statuses.length} requests, ${retried} answered 503 and retried`
  })
