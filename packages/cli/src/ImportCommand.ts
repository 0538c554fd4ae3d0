/**
 * `convore import FILE.ndjson`: every line an `ImportMessageRequest` (wire
 * JSON), imported with bounded concurrency. Each line's idempotency key is
 * derived from the line itself (its SHA-256), so rerunning the whole import
 * after a crash never creates a message twice: the lines already imported
 * answer with the message made the first time. Lines that fail for good (bad
 * JSON, a request the contract refuses, an error left after the client's
 * retries) go to a rejects file with their typed error; a summary at the end.
 */
import { MessagesApi } from "@convore/client"
import { describeIssue, firstIssue, ImportMessageRequest, type MessagesApiError } from "@convore/core"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Clock, Duration, Effect, Either, Option, Schema, Stream } from "effect"
import { createHash } from "node:crypto"
import * as ExitCodes from "./ExitCodes.js"
import * as Output from "./Output.js"
import * as Settings from "./Settings.js"

/**
 * The idempotency key of a line: `import-` and the SHA-256 of its text, in
 * hex. (`node:crypto`'s hash, not `crypto.subtle`: the promise of a subtle
 * digest cost 0.18 ms a line in a profile of 1,500 lines, 7% of the CPU.)
 */
export const keyOf = (line: string): string => `import-${createHash("sha256").update(line).digest("hex")}`

/** A line that failed for good, as the rejects file holds it. */
interface Rejected {
  readonly line: number
  readonly error: { readonly _tag: string; readonly message: string; readonly status?: number }
  readonly input: string
}

type Outcome =
  | { readonly _tag: "Imported" }
  | { readonly _tag: "Blank" }
  | { readonly _tag: "Rejected"; readonly rejected: Rejected; readonly code: number }

const decodeRequest = Schema.decodeUnknownEither(ImportMessageRequest)

const reject = (line: number, input: string, error: Rejected["error"], code: number): Outcome => ({
  _tag: "Rejected",
  rejected: { line, error, input },
  code
})

const fromApiError = (line: number, input: string, error: MessagesApiError): Outcome =>
  reject(line, input, {
    _tag: error._tag,
    message: error.message,
    ...("status" in error && error.status !== undefined ? { status: error.status } : {})
  }, ExitCodes.ofApiError(error))

/** Imports one line (numbered from 1), without its line ending. */
const importLine = (api: MessagesApi["Type"], input: string, line: number): Effect.Effect<Outcome> => {
  // `Stream.splitLines` has already taken off `\n` and `\r\n`
  if (input.trim() === "") return Effect.succeed({ _tag: "Blank" })
  const parsed = Either.try(() => JSON.parse(input) as unknown)
  if (Either.isLeft(parsed)) {
    return Effect.succeed(
      reject(line, input, { _tag: "InvalidLine", message: "the line is not JSON" }, ExitCodes.ExitCode.Usage)
    )
  }
  const request = decodeRequest(parsed.right)
  if (Either.isLeft(request)) {
    const issue = firstIssue(request.left)
    return Effect.succeed(
      reject(line, input, {
        _tag: "InvalidLine",
        message: `not an import request: ${describeIssue(issue)}`
      }, ExitCodes.ExitCode.Usage)
    )
  }
  return api.importMessage(request.right, { idempotencyKey: keyOf(input) }).pipe(
    Effect.as<Outcome>({ _tag: "Imported" }),
    Effect.catchAll((error) => Effect.succeed(fromApiError(line, input, error)))
  )
}

/** One line of an import file, as `convore import --help` shows it. */
export const exampleLine = JSON.stringify(
  {
    conversation_id: "cnv_01hrak3jpaefnvk899sya9crzd",
    date: "2024-03-08T14:30:00Z",
    sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
    recipients: [{ handle: { type: "email", value: "bob@example.com" }, role: "to" }],
    subject: "Lunch",
    body: "Noon?"
  } satisfies typeof ImportMessageRequest.Encoded
)

/** The `import` command. */
export const command = Command.make("import", {
  ...Settings.options,
  file: Args.file({ name: "FILE.ndjson", exists: "yes" }).pipe(
    Args.withDescription("the messages to import, one ImportMessageRequest as JSON per line")
  ),
  rejects: Options.file("rejects").pipe(
    Options.withDescription("where the lines that failed go, with their error (default FILE.rejects.ndjson)"),
    Options.optional
  ),
  concurrency: Settings.concurrency("lines imported", 8)
}, (input) =>
  Effect.gen(function*() {
    const fs = yield* FileSystem.FileSystem
    const api = yield* MessagesApi
    const rejectsPath = Option.getOrElse(input.rejects, () => `${input.file.replace(/\.ndjson$/, "")}.rejects.ndjson`)
    const rejects = yield* fs.open(rejectsPath, { flag: "w" })
    const startedAt = yield* Clock.currentTimeMillis
    const terminal = Output.isTerminal()
    const totals = { imported: 0, rejected: 0, blank: 0, code: ExitCodes.ExitCode.Done as number }
    let lastPrinted = startedAt
    const report = (now: number) => {
      const rate = now > startedAt ? Math.round(((totals.imported + totals.rejected) * 1000) / (now - startedAt)) : 0
      return `${totals.imported.toLocaleString("en-US")} imported, ${totals.rejected} rejected, ${rate} lines/s`
    }

    yield* fs.stream(input.file).pipe(
      Stream.decodeText(),
      Stream.splitLines,
      Stream.zipWithIndex,
      // unordered: a line waiting out its retries does not hold back the lines after it
      Stream.mapEffect(([text, index]) => importLine(api, text, index + 1), {
        concurrency: input.concurrency,
        unordered: true
      }),
      Stream.runForEach((outcome) =>
        Effect.gen(function*() {
          if (outcome._tag === "Imported") totals.imported++
          else if (outcome._tag === "Blank") totals.blank++
          else {
            totals.rejected++
            totals.code = Math.max(totals.code, ExitCodes.ExitCode.Incomplete)
            yield* rejects.writeAll(new TextEncoder().encode(`${JSON.stringify(outcome.rejected)}\n`))
          }
          const now = yield* Clock.currentTimeMillis
          if (now - lastPrinted >= (terminal ? 200 : 1000)) {
            lastPrinted = now
            yield* Effect.ignore(Output.write(terminal ? `\r\x1b[2K${report(now)}` : `${report(now)}\n`))
          }
        })
      )
    )
    const now = yield* Clock.currentTimeMillis
    if (terminal) yield* Effect.ignore(Output.write("\r\x1b[2K"))
    if (totals.rejected === 0) yield* fs.remove(rejectsPath)
    yield* Effect.ignore(Output.write(
      `import ${input.file}: ${totals.imported.toLocaleString("en-US")} imported, ${totals.rejected} rejected${
        totals.rejected === 0 ? "" : ` (see ${rejectsPath}; rerun to retry them: imported lines are not repeated)`
      }, ${totals.blank} blank, in ${Duration.format(Duration.millis(now - startedAt))}\n`
    ))
    if (totals.code !== ExitCodes.ExitCode.Done) return yield* new ExitCodes.Exit({ code: totals.code })
  }).pipe(Effect.scoped)).pipe(
    Settings.provide,
    Command.withDescription(
      "Import messages from an NDJSON file, one ImportMessageRequest per line. Each line's idempotency key comes " +
        "from the line itself, so rerunning after a crash never creates a message twice; lines that fail go to " +
        "a rejects file with their error.\n\nA line (date, sender and recipients are required, and " +
        "conversation_id or channel_id):\n" +
        `  ${exampleLine}\n\nExamples:\n` +
        "  convore import messages.ndjson\n" +
        "  convore import messages.ndjson --concurrency 16 --rejects failed.ndjson"
    )
  )
