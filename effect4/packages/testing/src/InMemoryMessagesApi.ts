/**
 * `MessagesApi` over an in-memory store, for tests: the contract's semantics
 * without a network, the same error tags the HTTP client gives, and times
 * and ids from Effect's `Clock`, so tests under `TestClock` are deterministic.
 */
import { MessagesApi } from "@convore/client"
import { Effect, Layer } from "effect"
import { MessageStore, type MessageStoreOptions } from "./MessageStore.js"

/** How the in-memory API starts: the store's options. */
export interface Options extends MessageStoreOptions {}

/**
 * `MessagesApi` over the `MessageStore` in context. `MessagesApi.fromOperations`
 * checks the input exactly as for the HTTP client and makes the idempotency
 * keys when `sendMessage` and `importMessage` are called, as it does.
 */
export const fromStore: Layer.Layer<MessagesApi, never, MessageStore> = Layer.effect(
  MessagesApi,
  Effect.map(MessageStore, (store) =>
    MessagesApi.fromOperations({
      getMessage: (messageId) => store.get(messageId),
      listMessages: (params = {}) => store.list(params),
      // fromOperations always passes the key
      sendMessage: (request, options) => store.send(request, options?.idempotencyKey),
      importMessage: (request, options) => store.importMessage(request, options?.idempotencyKey),
      updateMessage: (messageId, request) => store.update(messageId, request)
    }))
)

/**
 * A `MessagesApi` backed by a fresh in-memory store, seeded with
 * `options.messages`; the `MessageStore` is provided too, for tests to read.
 */
export const layer = (options?: Options): Layer.Layer<MessagesApi | MessageStore> =>
  Layer.provideMerge(fromStore, MessageStore.layer(options))
