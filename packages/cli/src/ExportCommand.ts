/**
 * `convore export <conversation_id>... --out DIR`: one NDJSON file per
 * conversation (`DIR/<conversation_id>.ndjson`), several conversations at
 * once (`--concurrency`) through one client, so a 429 pauses them all; each
 * resumable exactly as `Export` is: rerun the same command after a kill and
 * nothing is lost or repeated. Progress as it goes, a summary at the end.
 * A conversation with no messages (an unknown id looks the same) leaves no
 * file: it is reported, the others are exported, and the command ends with
 * `NotFound`'s code.
 */
import { Export, type MessagesApi } from "@convore/client"
import type { PaginationError } from "@convore/core"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem, Path } from "@effect/platform"
import { Array as Arr, Clock, Console, Duration, Effect, Either, Option, Stream } from "effect"
import * as ExitCodes from "./ExitCodes.js"
import * as Output from "./Output.js"
import * as Progress from "./Progress.js"
import * as Settings from "./Settings.js"

/** A conversation's file name: its id, with anything a file name cannot hold percent-encoded. */
export const fileName = (conversationId: string): string => `${encodeURIComponent(conversationId)}.ndjson`

/** How one conversation's export failed. */
type Failure = Export.ExportError | PaginationError | ExitCodes.NoMessages

/** The line of a conversation whose export failed: its id, then what happened. */
const describeFailure = (conversationId: string, error: Failure, baseUrl: string): string => {
  switch (error._tag) {
    case "NoMessages":
      return ExitCodes.describeNoMessages(error)
    case "ExportError":
      return `${conversationId}: ExportError: ${error.message}`
    case "PaginationError":
      return error.cause === undefined
        ? `${conversationId}: PaginationError: ${error.message} (rerun the same command to resume)`
        : `${conversationId}: ${ExitCodes.describeApiError(error.cause, baseUrl)}; rerun the same command to resume`
  }
}

const codeOf = (error: Failure): number =>
  error._tag === "NoMessages"
    ? ExitCodes.ExitCode.NotFound
    : error._tag === "PaginationError" && error.cause !== undefined
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

    const exportOne = (
      conversationId: string
    ): Effect.Effect<Either.Either<Export.ExportProgress, Failure>, never, MessagesApi | FileSystem.FileSystem> => {
      const file = path.join(input.out, fileName(conversationId))
      return Export.run({
        path: file,
        conversation_id: conversationId,
        ...Settings.listingParams(input)
      }).pipe(
        Stream.tap((progress) =>
          display.update(conversationId, {
            messages: progress.messages,
            pages: progress.pages,
            total: progress.total,
            messagesPerSecond: progress.messagesPerSecond,
            state: !progress.done ? "running" : progress.messages === 0 ? "empty" : "done"
          })
        ),
        Stream.runLast,
        // a run emits at least once: the first page always comes back, or the finished checkpoint is reported
        Effect.map(Option.getOrThrow),
        // nothing to keep: no file, and no checkpoint, so a rerun asks the server again
        Effect.tap((progress) =>
          progress.messages > 0 ? Effect.void : Effect.zipRight(
            Effect.all([fs.remove(file, { force: true }), fs.remove(`${file}.checkpoint.json`, { force: true })]),
            new ExitCodes.NoMessages({ conversationId })
          )
        ),
        Effect.catchTag("SystemError", "BadArgument", (error) =>
          new Export.ExportError({ reason: "FileSystem", message: error.message, path: file })),
        Effect.either,
        Effect.tap(Either.match({
          onLeft: (error) =>
            error._tag === "NoMessages" ? Effect.void : display.fail(conversationId),
          onRight: () =>
            Effect.void
        }))
      )
    }

    const outcomes = yield* Effect.forEach(ids, exportOne, { concurrency: input.concurrency })
    yield* display.finish
    const elapsed = Duration.millis((yield* Clock.currentTimeMillis) - startedAt)

    const [failures, exported] = Arr.partitionMap(
      Arr.zip(ids, outcomes),
      ([id, outcome]) => Either.mapLeft(outcome, (error) => ({ id, error }))
    )
    const messages = Arr.reduce(exported, 0, (sum, progress) => sum + progress.messages)
    yield* Output.write(
      `exported ${exported.length} of ${ids.length} conversation(s), ${
        messages.toLocaleString("en-US")
      } messages, to ${input.out} in ${Duration.format(elapsed)}\n`
    ).pipe(Effect.ignore)
    const baseUrl = Settings.baseUrlOf(input)
    for (const { error, id } of failures) yield* Console.error(describeFailure(id, error, baseUrl))
    // several classes of failure: the highest code
    const code = Math.max(ExitCodes.ExitCode.Done, ...failures.map(({ error }) => codeOf(error)))
    if (code !== ExitCodes.ExitCode.Done) return yield* new ExitCodes.Exit({ code })
  }).pipe(Effect.scoped)).pipe(
    Settings.provide,
    Command.withDescription(
      "Export conversations to NDJSON files, one per conversation, resumable: rerun the same command after a " +
        "crash and nothing is lost or repeated. A conversation with no messages leaves no file and ends the " +
        "command with code 4, after the others.\n\nExamples:\n" +
        "  convore export cnv_01 cnv_02 --out exports\n" +
        "  convore export cnv_01 --out exports --format minimal --concurrency 2"
    )
  )
