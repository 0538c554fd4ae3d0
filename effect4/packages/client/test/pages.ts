import { MessagesApi, type MessagesApiService } from "@convore/client"
import { type ListMessagesParams, Message, type MessagesApiError, type PageMessage } from "@convore/core"
import { Effect, Schema } from "effect"
import { wireMessage } from "./stub.js"

/** `count` decoded messages, `msg_00000` first. */
export const messages = (count: number): ReadonlyArray<Message> =>
  Array.from(
    { length: count },
    (_, i) => Schema.decodeUnknownSync(Message)(wireMessage(`msg_${String(i).padStart(5, "0")}`))
  )

/**
 * A `MessagesApi` whose only real operation is `listMessages` over `all`, in
 * pages of `params.limit` (default 100) with the cursor `at:<offset>`; `hook`
 * runs before each page is answered (to slow it, fail it, or count it).
 */
export const listingApi = (
  all: ReadonlyArray<Message>,
  hook: (params: ListMessagesParams, call: number) => Effect.Effect<PageMessage | undefined, MessagesApiError> = () =>
    Effect.succeed(undefined)
): { readonly api: MessagesApiService; readonly calls: Array<ListMessagesParams> } => {
  const calls: Array<ListMessagesParams> = []
  const unused = () => Effect.die("not used in this test")
  const api = MessagesApi.fromOperations({
    getMessage: unused,
    sendMessage: unused,
    importMessage: unused,
    updateMessage: unused,
    listMessages: (params = {}) =>
      Effect.gen(function*() {
        calls.push(params)
        const override = yield* hook(params, calls.length)
        if (override !== undefined) return override
        const start = params.cursor === undefined ? 0 : Number(params.cursor.slice(3))
        const end = Math.min(all.length, start + (params.limit ?? 100))
        return { data: all.slice(start, end), next_cursor: end < all.length ? `at:${end}` : null }
      })
  })
  return { api, calls }
}
