/**
 * Export a conversation (or everything) to NDJSON, with a progress bar on a
 * terminal and plain lines otherwise. Resumable: stop it and run it again,
 * and it continues where it stopped.
 *
 *   CONVORE_BASE_URL=http://127.0.0.1:8080 CONVORE_API_KEY=dev \
 *     npx tsx examples/src/export-conversation.ts messages.ndjson [conversation_id]
 */
import { Export, MessagesApi } from "@convore/client"
import { NodeFileSystem, NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Console, Duration, Effect, Layer, Stream } from "effect"
import { fileURLToPath } from "node:url"

/** One line of progress: a bar when the server tells the total, counts and rate always. */
const render = (progress: Export.ExportProgress) => {
  const share = progress.done ? 1 : progress.total ? Math.min(1, progress.messages / progress.total) : undefined
  const bar = share === undefined
    ? ""
    : `[${"#".repeat(Math.round(share * 30)).padEnd(30, ".")}] ${Math.round(share * 100)}% `
  const rate = Math.round(progress.messagesPerSecond)
  const resumed = progress.resumedFrom > 0 ? `, resumed after ${progress.resumedFrom}` : ""
  return `${bar}${progress.messages} messages, ${progress.pages} pages, ${rate}/s, ${
    Duration.format(progress.elapsed)
  }${resumed}`
}

export const exportConversation = (options: Export.ExportOptions) =>
  Export.run(options).pipe(
    Stream.tap((progress) =>
      process.stdout.isTTY
        ? Effect.sync(() => process.stdout.write(`\r\x1b[2K${render(progress)}${progress.done ? "\n" : ""}`))
        : Console.log(render(progress))
    ),
    Stream.runLast,
    Effect.map((last) => last._tag === "Some" ? last.value : undefined)
  )

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [path = "messages.ndjson", conversation_id] = process.argv.slice(2)
  exportConversation({ path, ...(conversation_id === undefined ? {} : { conversation_id }) }).pipe(
    Effect.tap(() => Console.log(`written to ${path}`)),
    Effect.provide(Layer.merge(MessagesApi.layerConfig(), NodeFileSystem.layer)),
    Effect.provide(NodeHttpClient.layerUndici),
    NodeRuntime.runMain
  )
}
