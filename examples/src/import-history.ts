/**
 * Import a batch of historical messages, four at a time, and report each one
 * that failed with its typed error; the others still land.
 *
 *   CONVORE_BASE_URL=http://127.0.0.1:8080 CONVORE_API_KEY=dev npx tsx examples/src/import-history.ts
 */
import { MessagesApi } from "@convore/client"
import type { ImportMessageRequest } from "@convore/core"
import { NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, DateTime, Effect, Either } from "effect"
import { fileURLToPath } from "node:url"

/** Messages exported from an older system, one of them pointing at a conversation that does not exist. */
export const history: ReadonlyArray<ImportMessageRequest> = Array.from({ length: 12 }, (_, i) => ({
  ...(i === 7 ? { conversation_id: "cnv_lost_in_migration" } : { channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd" }),
  subject: `Archived ticket #${1000 + i}`,
  date: DateTime.unsafeMake(Date.UTC(2019, 0, 1 + i, 9)),
  sender: { name: "Old Customer", handle: { type: "email", value: `customer${i}@old.example` }, role: "from" },
  recipients: [{ name: "Support", handle: { type: "email", value: "support@acme.example" }, role: "to" }],
  body: `<p>Ticket ${1000 + i} from the old helpdesk.</p>`
}))

export const importHistory = (requests: ReadonlyArray<ImportMessageRequest>) =>
  Effect.gen(function*() {
    const api = yield* MessagesApi
    // each import carries its own idempotency key: rerunning this after a crash cannot duplicate a message
    const results = yield* Effect.forEach(
      requests,
      (request, i) => Effect.either(api.importMessage(request, { idempotencyKey: `history-${i}` })),
      { concurrency: 4 }
    )
    const failed = results.flatMap((result, i) => Either.isLeft(result) ? [{ index: i, error: result.left }] : [])
    yield* Console.log(`imported ${results.length - failed.length} of ${results.length} messages`)
    for (const { error, index } of failed) yield* Console.log(`  #${index} failed with ${error._tag}: ${error.message}`)
    return { imported: results.length - failed.length, failed }
  })

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  importHistory(history).pipe(
    Effect.provide(MessagesApi.layerConfig()),
    Effect.provide(NodeHttpClient.layerUndici),
    NodeRuntime.runMain
  )
}
