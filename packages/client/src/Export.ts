/**
 * Streaming export: the messages of a conversation, or all messages, written
 * to a file as NDJSON (one message per line), resumable and lossless.
 *
 * - Lossless: each line is the message as the server sent it, after it was
 *   validated, fields this client does not know included.
 * - Resumable: after each page is written, the cursor after it and the file's
 *   length are saved atomically to `<path>.checkpoint.json`. Running the same
 *   export again continues from there, first cutting off whatever a killed
 *   run had written past the checkpoint, so the finished file equals an
 *   uninterrupted run's: no message twice, none missing. (It survives the
 *   process being killed; it does not `fsync`, so not a power cut.)
 * - Flat memory: one page is held at a time, plus the prefetched one.
 */
import { Message, type MessageFormat, type PaginationError } from "@convore/core"
import { FileSystem } from "@effect/platform"
import { Clock, Duration, Effect, Option, Schema, Stream, Struct } from "effect"
import { MessagesApi } from "./MessagesApi.js"
import * as WireJson from "./WireJson.js"

/** What to export, and where to. */
export interface ExportOptions {
  /** The NDJSON file to write; `<path>.checkpoint.json` is kept beside it. */
  readonly path: string
  /** Only this conversation's messages (default: all messages). */
  readonly conversation_id?: string
  readonly format?: MessageFormat
  /** Messages per page, 1 to 100 (default 100). */
  readonly limit?: number
  /** Pages fetched ahead of the writer (default 1). */
  readonly prefetch?: number
}

/** How far an export has come, reported after each page is safely written. */
export interface ExportProgress {
  /** Messages in the file so far, earlier runs included. */
  readonly messages: number
  readonly pages: number
  /** The file's length in bytes. */
  readonly bytes: number
  /** How many messages the listing holds in all, when the server says (`total_count`). */
  readonly total: number | undefined
  /** Messages that were already in the file when this run started. */
  readonly resumedFrom: number
  /** Time spent by this run. */
  readonly elapsed: Duration.Duration
  /** Messages written per second by this run. */
  readonly messagesPerSecond: number
  /** Whether the last page has been written. */
  readonly done: boolean
}

/** An export could not go on: its file or checkpoint is unusable, or the file system failed. */
export class ExportError extends Schema.TaggedError<ExportError>()("ExportError", {
  message: Schema.String,
  reason: Schema.Literal("CheckpointMismatch", "FileSystem"),
  path: Schema.String
}) {}

/** What an export lists: a checkpoint belongs to one export only. */
const Query = Schema.Struct({
  conversation_id: Schema.optional(Schema.String),
  format: Schema.optional(Schema.String),
  limit: Schema.optional(Schema.Number)
})

const sameQuery = Schema.equivalence(Query)

const Checkpoint = Schema.parseJson(Schema.Struct({
  query: Query,
  cursor: Schema.NullOr(Schema.String),
  messages: Schema.Number,
  pages: Schema.Number,
  bytes: Schema.Number,
  done: Schema.Boolean
}))
type Checkpoint = typeof Checkpoint.Type

const newline = "\n"
const encoder = new TextEncoder()
const encodeMessage = Schema.encodeSync(Message)

/**
 * Messages as NDJSON, one line each (every line ends with a newline): each
 * message's wire JSON when known (fields this client does not know
 * included), else its encoding. What an export writes, for a program or a
 * command that prints messages.
 */
export const ndjsonLines = (messages: ReadonlyArray<Message>): string => {
  let text = ""
  for (const message of messages) text += WireJson.stringify(WireJson.of(message) ?? encodeMessage(message)) + newline
  return text
}

const ndjson = (messages: ReadonlyArray<Message>): Uint8Array => encoder.encode(ndjsonLines(messages))

/**
 * Runs an export, emitting its progress after each page is written and
 * checkpointed; a CLI turns the stream into a progress bar. Fails with
 * `PaginationError` when the listing fails (rerun to resume) or `ExportError`.
 */
export const run = (
  options: ExportOptions
): Stream.Stream<ExportProgress, ExportError | PaginationError, MessagesApi | FileSystem.FileSystem> =>
  Stream.unwrapScoped(
    Effect.gen(function*() {
      const fs = yield* FileSystem.FileSystem
      const api = yield* MessagesApi
      const { path } = options
      const checkpointPath = `${path}.checkpoint.json`
      const failure = (reason: ExportError["reason"], message: string) => new ExportError({ reason, message, path })
      const query: Pick<ExportOptions, "conversation_id" | "format" | "limit"> = {
        ...(options.conversation_id === undefined ? {} : { conversation_id: options.conversation_id }),
        ...(options.format === undefined ? {} : { format: options.format }),
        ...(options.limit === undefined ? {} : { limit: options.limit })
      }

      const saved = (yield* fs.exists(checkpointPath))
        ? yield* Effect.flatMap(fs.readFileString(checkpointPath), Schema.decode(Checkpoint)).pipe(
          Effect.mapError((error) =>
            failure("CheckpointMismatch", `${checkpointPath} is not a checkpoint of this exporter: ${error.message}`)
          )
        )
        : undefined
      if (saved !== undefined && !sameQuery(saved.query, query)) {
        return yield* failure(
          "CheckpointMismatch",
          `${checkpointPath} belongs to another export (${
            JSON.stringify(saved.query)
          }); delete it and ${path} to start over`
        )
      }
      const start: Checkpoint = saved ?? { query, cursor: null, messages: 0, pages: 0, bytes: 0, done: false }
      const startedAt = yield* Clock.currentTimeMillis

      const progress = (state: Checkpoint, total: number | undefined) =>
        Effect.map(Clock.currentTimeMillis, (now): ExportProgress => ({
          ...Struct.pick(state, "messages", "pages", "bytes"),
          total,
          resumedFrom: start.messages,
          elapsed: Duration.millis(now - startedAt),
          messagesPerSecond: now > startedAt ? ((state.messages - start.messages) * 1000) / (now - startedAt) : 0,
          done: state.done
        }))

      if (start.done) return Stream.fromEffect(progress(start, start.messages))

      // cut off whatever a killed run wrote after its last checkpoint
      const size = (yield* fs.exists(path)) ? Number((yield* fs.stat(path)).size) : 0
      if (size < start.bytes) {
        return yield* failure(
          "CheckpointMismatch",
          `${path} has ${size} bytes but its checkpoint says ${start.bytes}; delete both to start over`
        )
      }
      yield* fs.writeFile(path, new Uint8Array(0), { flag: "a" })
      yield* fs.truncate(path, start.bytes)
      const file = yield* fs.open(path, { flag: "a" })

      // written beside the last one, then renamed over it: a checkpoint on disk is always whole
      const saveCheckpoint = (state: Checkpoint) =>
        Schema.encode(Checkpoint)(state).pipe(
          Effect.orDie,
          Effect.flatMap((text) => fs.writeFileString(`${checkpointPath}.tmp`, text)),
          Effect.zipRight(fs.rename(`${checkpointPath}.tmp`, checkpointPath))
        )

      return api.streamPages({
        ...query,
        ...(options.prefetch === undefined ? {} : { prefetch: options.prefetch }),
        ...(start.cursor === null ? {} : { cursor: start.cursor })
      }).pipe(
        // each page's lines, and where the file stands once they are written: the page itself is
        // let go of here, before the write, so it is not kept alive while the file system works
        Stream.mapAccum(start, (before, page) => {
          const bytes = ndjson(page.data)
          const next = page.next_cursor ?? null
          const state: Checkpoint = {
            query,
            cursor: next,
            messages: before.messages + page.data.length,
            pages: before.pages + 1,
            bytes: before.bytes + bytes.length,
            done: next === null
          }
          return [state, { bytes, written: { state, total: page.total_count ?? undefined } }]
        }),
        // write them, in order
        // (an empty page writes nothing: the platform's `writeAll` of 0 bytes fails with WriteZero)
        Stream.mapEffect(({ bytes, written }) =>
          bytes.length === 0 ? Effect.succeed(written) : Effect.as(file.writeAll(bytes), written)
        ),
        // then checkpoint each written page, while the next one is being written: a checkpoint
        // never runs ahead of the bytes it counts, and extra bytes are cut off on resume
        Stream.buffer({ capacity: 1 }),
        Stream.mapEffect((written) =>
          Effect.zipRight(saveCheckpoint(written.state), progress(written.state, written.total))
        ),
        Stream.mapError((error) => error._tag === "PaginationError" ? error : failure("FileSystem", error.message))
      )
    }).pipe(
      Effect.catchTag(
        "SystemError",
        "BadArgument",
        (error) => Effect.fail(new ExportError({ reason: "FileSystem", message: error.message, path: options.path }))
      )
    )
  )

/** Runs an export to its end and answers its final progress. */
export const toFile = (
  options: ExportOptions
): Effect.Effect<ExportProgress, ExportError | PaginationError, MessagesApi | FileSystem.FileSystem> =>
  // a run emits at least once: the first page always comes back, or the finished checkpoint is reported
  Effect.map(Stream.runLast(run(options)), Option.getOrThrow)
