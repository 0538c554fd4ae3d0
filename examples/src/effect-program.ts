/**
 * A service of your own that depends on `MessagesApi`, wired with layers; in
 * production the API comes from the environment (`layerConfig`), in tests
 * from `InMemoryMessagesApi.layer()`.
 *
 *   CONVORE_BASE_URL=http://127.0.0.1:8080 CONVORE_API_KEY=dev npx tsx examples/src/effect-program.ts
 */
import { MessagesApi } from "@convore/client"
import type { Message, MessagesApiError, PaginationError } from "@convore/core"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Chunk, Console, Context, Effect, Layer, Stream } from "effect"
import { fileURLToPath } from "node:url"

/** Finds the conversations waiting for an answer from us: whose newest message is inbound. */
export class Inbox extends Context.Tag("examples/Inbox")<Inbox, {
  readonly awaitingReply: Effect.Effect<ReadonlyArray<Message>, PaginationError>
  readonly answer: (message: Message, body: string) => Effect.Effect<Message, MessagesApiError>
}>() {
  static readonly layer = Layer.effect(
    Inbox,
    Effect.gen(function*() {
      const api = yield* MessagesApi
      return {
        awaitingReply: Effect.suspend(() => {
          const seen = new Set<string>()
          return api.streamMessages({ format: "minimal" }).pipe(
            // the listing is newest first, so the first message seen of a conversation is its newest
            Stream.filter((message) =>
              !seen.has(message.conversation_id) && Boolean(seen.add(message.conversation_id))
            ),
            Stream.filter((message) => message.direction === "inbound"),
            Stream.runCollect,
            Effect.map(Chunk.toReadonlyArray),
            Effect.withSpan("Inbox.awaitingReply")
          )
        }),
        answer: (message, body) =>
          api.sendMessage({ reply_to_message_id: message.id, body }).pipe(Effect.withSpan("Inbox.answer"))
      }
    })
  )
}

/** Answers every conversation that waits for us. */
export const answerEverything = Effect.gen(function*() {
  const inbox = yield* Inbox
  const waiting = yield* inbox.awaitingReply
  yield* Console.log(`${waiting.length} conversations wait for an answer`)
  yield* Effect.forEach(waiting, (message) => inbox.answer(message, "<p>Thanks, we are on it.</p>"), {
    concurrency: 4,
    discard: true
  })
  return waiting.length
})

/** The production wiring: `Inbox` over the HTTP API configured from CONVORE_BASE_URL and CONVORE_API_KEY. */
export const MainLayer = Inbox.layer.pipe(
  Layer.provide(MessagesApi.layerConfig({ maxRetries: 3, timeout: "30 seconds" })),
  Layer.provide(NodeHttpClient.layerUndici)
)

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  answerEverything.pipe(Effect.provide(MainLayer), NodeRuntime.runMain)
}
