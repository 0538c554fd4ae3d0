/**
 * Quickstart: send a message, reply to it, read it back, change its subject,
 * and list the conversation.
 *
 * Run against any Convore API (or `pnpm mock-server --port 8080 --api-key dev`):
 *   CONVORE_BASE_URL=http://127.0.0.1:8080 CONVORE_API_KEY=dev npx tsx examples/src/quickstart.ts
 */
import { MessagesApi } from "@convore/client"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { fileURLToPath } from "node:url"

export const quickstart = Effect.gen(function*() {
  const api = yield* MessagesApi

  const sent = yield* api.sendMessage({
    channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd",
    from: "support@acme.example",
    to: ["ada@analytical.example"],
    subject: "Your order has shipped",
    body: "<p>Hi Ada, your order left the warehouse this morning.</p>"
  })
  yield* Console.log(`sent     ${sent.id} in ${sent.conversation_id}`)

  const reply = yield* api.sendMessage({ reply_to_message_id: sent.id, body: "<p>Tracking: ZX-4821.</p>" })
  yield* Console.log(`replied  ${reply.id}`)

  const fetched = yield* api.getMessage(sent.id)
  yield* Console.log(`got      ${fetched.id}: "${fetched.subject}"`)

  const updated = yield* api.updateMessage(sent.id, { subject: "Your order has shipped (tracking inside)" })
  yield* Console.log(`updated  subject to "${updated.subject}"`)

  const page = yield* api.listMessages({ conversation_id: sent.conversation_id, limit: 10 })
  yield* Console.log(`listed   ${page.data.length} messages in the conversation, newest first`)
  return { conversationId: sent.conversation_id, messages: page.data.length }
})

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  quickstart.pipe(
    Effect.provide(MessagesApi.layerConfig()),
    Effect.provide(NodeHttpClient.layerUndici),
    NodeRuntime.runMain
  )
}
