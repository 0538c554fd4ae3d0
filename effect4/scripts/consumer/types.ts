/**
 * A user's TypeScript on the installed Effect 4 tarballs' types, checked by
 * `tsc --strict` (`exactOptionalPropertyTypes`, `skipLibCheck: false`) under
 * NodeNext and under Bundler resolution. Never run: it only has to type-check.
 */
import { MessagesApi, type MessagesApiOptions } from "@convore/client"
import * as Export from "@convore/client/Export"
import type { Message, MessagesApiError, NotFound } from "@convore/core"
import { InMemoryMessagesApi, MessageStore } from "@convore/testing"
import { NodeFileSystem, NodeHttpClient } from "@effect/platform-node"
import { DateTime, Effect, Layer, Stream } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"

const options: MessagesApiOptions = { baseUrl: "http://127.0.0.1:8080", apiKey: "sk_test", maxRetries: 1 }

/** The subject of a message, or a default when it is missing. */
export const subjectOf = (id: string): Effect.Effect<string, Exclude<MessagesApiError, NotFound>, MessagesApi> =>
  Effect.gen(function*() {
    const api = yield* MessagesApi
    const message: Message = yield* api.getMessage(id)
    const when: DateTime.Utc = message.date
    const conversation: string = message.conversation_id
    // @ts-expect-error: the body is a string (or null), never a number: the types are not `any`
    const wrong: number = message.body
    void wrong
    return `${message.subject ?? "(no subject)"} in ${conversation} at ${DateTime.formatIso(when)}`
  }).pipe(Effect.catchTag("NotFound", (error: NotFound) => Effect.succeed(`missing (${error.status})`)))

/** Every message id of a conversation. */
export const ids = (conversation_id: string): Stream.Stream<string, unknown, MessagesApi> =>
  Stream.unwrap(Effect.map(MessagesApi, (api) => api.streamMessages({ conversation_id }))).pipe(
    Stream.map((message) => message.id)
  )

/** An export over fetch, with every requirement provided. */
export const exported: Effect.Effect<Export.ExportProgress, unknown> = Export.toFile({ path: "out.ndjson" }).pipe(
  Effect.provide(MessagesApi.layer(options)),
  Effect.provide(Layer.merge(FetchHttpClient.layer, NodeFileSystem.layer))
)

/** The same program on the in-memory layer, under `TestClock`, reading the store it keeps. */
export const inTest: Effect.Effect<readonly [string, number], unknown> = Effect.all([
  subjectOf("msg_1"),
  Effect.flatMap(MessageStore, (store) => Effect.map(store.messages, (messages) => messages.length))
]).pipe(Effect.provide(InMemoryMessagesApi.layer()), Effect.provide(TestClock.layer()))

/** The same program over `NodeHttpClient.layerUndici`, the transport for Node. */
export const overUndici: Effect.Effect<string, unknown> = subjectOf("msg_1").pipe(
  Effect.provide(MessagesApi.layer(options)),
  Effect.provide(NodeHttpClient.layerUndici)
)
