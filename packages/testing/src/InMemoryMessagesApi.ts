/**
 * `MessagesApi` over an in-memory store, for tests: the contract's semantics
 * without a network, the same error tags the HTTP client gives, and times
 * and ids from Effect's `Clock`, so tests under `TestClock` are deterministic.
 */
import { MessagesApi, OperationInputs } from "@convore/client"
import { Effect, Layer } from "effect"
import { MessageStore, type MessageStoreOptions } from "./MessageStore.js"

/** How the in-memory API starts: the store's options. */
export interface Options extends MessageStoreOptions {}

/**
 * `MessagesApi` over the `MessageStore` in context. Input is checked exactly
 * as the HTTP client checks it (`OperationInputs`), and `sendMessage` and
 * `importMessage` make their idempotency key when called, as it does.
 */
export const fromStore: Layer.Layer<MessagesApi, never, MessageStore> = Layer.effect(
  MessagesApi,
  Effect.map(MessageStore, (store) =>
    MessagesApi.fromOperations({
      getMessage: (messageId) => Effect.flatMap(OperationInputs.getMessageId(messageId), store.get),
      listMessages: (params = {}) => Effect.zipRight(OperationInputs.listParams(params), store.list(params)),
      sendMessage: (request, options) => {
        const key = OperationInputs.sendIdempotencyKey(options)
        return Effect.gen(function*() {
          yield* OperationInputs.sendRequest(request)
          return yield* store.send(request, yield* key)
        })
      },
      importMessage: (request, options) => {
        const key = OperationInputs.importIdempotencyKey(options)
        return Effect.gen(function*() {
          yield* OperationInputs.importRequest(request)
          return yield* store.importMessage(request, yield* key)
        })
      },
      updateMessage: (messageId, request) =>
        Effect.gen(function*() {
          const id = yield* OperationInputs.updateMessageId(messageId)
          yield* OperationInputs.updateRequest(request)
          return yield* store.update(id, request)
        })
    }))
)

/**
 * A `MessagesApi` backed by a fresh in-memory store, seeded with
 * `options.messages`; the `MessageStore` is provided too, for tests to read.
 */
export const layer = (options?: Options): Layer.Layer<MessagesApi | MessageStore> =>
  Layer.provideMerge(fromStore, MessageStore.layer(options))
