/**
 * `convore export <conversation_id>... --out DIR`: one NDJSON file per
 * conversation (`DIR/<conversation_id>.ndjson`), several conversations at
 * once (`--concurrency`) through one client, so a 429 pauses them all; each
 * resumable exactly as `Export` is: rerun the same command after a kill and
 * nothing is lost or repeated. Progress as it goes, a summary at the end.
 */
import { Export, type MessagesApi } from "@convore/client"
import type { PaginationError } from "@convore/core"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem, Path } from "@effect/platform"
import { Clock, Console, Duration, Effect, Either, Option, Stream } from "effect"
import * as ExitCodes from "./ExitCodes.js"
import * as Output from "./Output.js"
import * as Progress from "./Progress.js"
import * as Settings from "./Settings.js"

/** A conversation's file name: its id, with anything a file name cannot hold percent-encoded. */
export const fileName = (conversationId: string): string => `${encodeURIComponent(conversationId)}.ndjson`

/** How one conversation's export ended. */
type Outcome = Either.Either<Export.ExportProgress, Export.ExportError | PaginationError>

const describeFailure = (error: Export.ExportError | PaginationError): string =>
  error._tag === "ExportError"
    ? `ExportError: ${error.message}`
    : error.cause === undefined
    ? `PaginationError: ${error.message} (rerun the same command to resume)`
    : `${ExitCodes.describeApiError(error.cause)}; rerun the same command to resume`

const codeOf = (error: Export.ExportError | PaginationError): number =>
  error._tag === "PaginationError" && error.cause !== undefined
    ? ExitCodes.ofApiError(error.cause)
    : ExitCodes.ExitCode.Incomplete

/** The `export` command. */
export const command = Command.make("export", {
  ...Settings.options,
  conversations: Args.text({ name: "conversation_id" }).pipe(
    Args.withDescription("the conversations to export"),
    Args.atLeast(1)
  ),
  out: Options.directory("out", { exists: "either" }).pipe(
    Options.withDescription("the directory the files go to (made if missing)")
  ),
  ...Settings.listing,
  concurrency: Settings.concurrency("conversations exported", 4)
}, (input) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    yield* fs.makeDirectory(input.out, { recursive: true })
    const ids = [...new Set(input.conversations)]
    const startedAt = yield* Clock.currentTimeMillis
    const display = yield* Progress.make(ids)

    const exportOne = (conversationId: string): Effect.Effect<Outcome, never, MessagesApi | FileSystem.FileSystem> =>
      Export.run({
        path: path.join(input.out, fileName(conversationId)),
        conversation_id: conversationId,
        ...Settings.listingParams(input)
      }).pipe(
        Stream.tap((progress) =>
          display.update(conversationId, {
            messages: progress.messages,
            pages: progress.pages,
            total: progress.total,
            messagesPerSecond: progress.messagesPerSecond,
            state: progress.done ? "done" : "running"
          })
        ),
        Stream.runLast,
        Effect.map(Option.getOrThrow),
        Effect.either,
        Effect.tap(Either.match({
          onLeft: () => display.fail(conversationId),
          onRight: () => Effect.void
        }))
      )

    const outcomes = yield* Effect.forEach(ids, exportOne, { concurrency: input.concurrency })
    yield* display.finish
    const elapsed = Duration.millis((yield* Clock.currentTimeMillis) - startedAt)

    let messages = 0
    const failures: Array<string> = []
    let code: number = ExitCodes.ExitCode.Done
    outcomes.forEach((outcome, i) =>
      Either.match(outcome, {
        onRight: (progress) => {
          messages += progress.messages
        },
        onLeft: (error) => {
          failures.push(`${ids[i]}: ${describeFailure(error)}`)
          code = Math.max(code, codeOf(error))
        }
      })
    )
    yield* Output.write(
      `exported ${ids.length - failures.length} of ${ids.length} conversation(s), ${
        messages.toLocaleString("en-US")
      } messages, to ${input.out} in ${Duration.format(elapsed)}\n`
    ).pipe(Effect.ignore)
    for (const failure of failures) yield* Console.error(failure)
    if (code !== ExitCodes.ExitCode.Done) return yield* new ExitCodes.Exit({ code })
  }).pipe(Effect.scoped, Effect.provide(Settings.layer(input)))).pipe(
    Command.withDescription(
      "Export conversations to NDJSON files, one per conversation, resumable: rerun the same command after a " +
        "crash and nothing is lost or repeated.\n\nExamples:\n" +
        "  convore export cnv_01 cnv_02 --out exports\n" +
        "  convore export cnv_01 --out exports --format minimal --limit 50 --concurrency 2"
    )
  )
