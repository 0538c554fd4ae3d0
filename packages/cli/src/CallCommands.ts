/**
 * The quick calls: `convore list` (a conversation's messages as NDJSON on
 * stdout, pipe-friendly), `convore get <id>` and `convore send`, each
 * printing the API's JSON.
 */
import { Export, MessagesApi } from "@convore/client"
import type { SendMessageRequest } from "@convore/core"
import { Args, Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option, Stream } from "effect"
import { text } from "node:stream/consumers"
import * as ExitCodes from "./ExitCodes.js"
import * as Output from "./Output.js"
import * as Settings from "./Settings.js"

/**
 * The `list` command: every message of a conversation, one JSON per line,
 * stopping cleanly on a closed pipe; `NoMessages` when there is none.
 */
export const list = Command.make("list", {
  ...Settings.options,
  conversation: Args.text({ name: "conversation_id" }).pipe(Args.withDescription("the conversation to list")),
  ...Settings.listing
}, (input) =>
  Effect.gen(function*() {
    const api = yield* MessagesApi
    const listed = yield* api.streamPages({
      conversation_id: input.conversation,
      ...Settings.listingParams(input)
    }).pipe(
      Stream.map((page) => page.data),
      Stream.filter((messages) => messages.length > 0),
      Stream.runFoldEffect(0, (count, messages) =>
        Effect.as(Output.write(Export.ndjsonLines(messages)), count + messages.length)),
      // only messages are written: a reader that left had some
      Effect.catchTag("BrokenPipe", () =>
        Effect.succeed(1))
    )
    if (listed === 0) return yield* new ExitCodes.NoMessages({ conversationId: input.conversation })
  })).pipe(
    Settings.provide,
    Command.withDescription(
      "Print a conversation's messages as NDJSON, one per line, in the server's order.\n\nExamples:\n" +
        "  convore list cnv_01 > messages.ndjson\n" +
        "  convore list cnv_01 --format minimal | head -n 5"
    )
  )

/** The `get` command. */
export const get = Command.make("get", {
  ...Settings.options,
  id: Args.text({ name: "message_id" }).pipe(Args.withDescription("the message to get"))
}, (input) =>
  Effect.gen(function*() {
    const message = yield* (yield* MessagesApi).getMessage(input.id)
    yield* Output.write(Export.ndjsonLines([message])).pipe(Effect.catchTag("BrokenPipe", () => Effect.void))
  })).pipe(
    Settings.provide,
    Command.withDescription("Print one message as JSON.\n\nExample:\n  convore get msg_01hr4bxdh000asrdr000wjgpr8")
  )

/**
 * A body read from stdin or a file, without the one line ending that ends
 * it (`echo hi |` gives `hi`), as a shell's `$(…)` takes it off; any other
 * whitespace is the body's own.
 */
const withoutFinalNewline = (text: string): string => text.replace(/\r?\n$/, "")

/** The body of `send`: the flag, else the file (`-` for stdin), else stdin when it is not a terminal. */
const bodyOf = (body: Option.Option<string>, bodyFile: Option.Option<string>) =>
  Effect.gen(function*() {
    if (Option.isSome(body)) return body.value
    const fromStdin = Effect.tryPromise({
      try: () => text(process.stdin),
      catch: (cause) => new Error(`could not read stdin: ${String(cause)}`)
    })
    if (Option.isSome(bodyFile)) {
      return withoutFinalNewline(
        bodyFile.value === "-"
          ? yield* fromStdin
          : yield* (yield* FileSystem.FileSystem).readFileString(bodyFile.value)
      )
    }
    if (process.stdin.isTTY !== true) return withoutFinalNewline(yield* fromStdin)
    yield* Console.error("give the message's body with --body, --body-file FILE (- for stdin), or on stdin")
    return yield* new ExitCodes.Exit({ code: ExitCodes.ExitCode.Usage })
  })

/** The `send` command. */
export const send = Command.make("send", {
  ...Settings.options,
  channel: Options.text("channel").pipe(Options.withDescription("the channel to send on"), Options.optional),
  conversation: Options.text("conversation").pipe(
    Options.withDescription("the conversation the message belongs to"),
    Options.optional
  ),
  replyTo: Options.text("reply-to").pipe(Options.withDescription("the message this one answers"), Options.optional),
  to: Options.text("to").pipe(Options.withDescription("a recipient's address (repeat for more)"), Options.repeated),
  subject: Options.text("subject").pipe(Options.withDescription("the message's subject"), Options.optional),
  body: Options.text("body").pipe(Options.withDescription("the body"), Options.optional),
  bodyFile: Options.file("body-file").pipe(
    Options.withDescription("read the body from a file (- for stdin)"),
    Options.optional
  ),
  idempotencyKey: Options.text("idempotency-key").pipe(
    Options.withDescription("the key that makes a retried send create one message (default: a new UUID)"),
    Options.optional
  )
}, (input) =>
  Effect.gen(function*() {
    const optional = <K extends string>(key: K, value: Option.Option<string>) =>
      Option.match(value, { onNone: () => ({}), onSome: (v) => ({ [key]: v } as Record<K, string>) })
    const request: SendMessageRequest = {
      body: yield* bodyOf(input.body, input.bodyFile),
      ...optional("channel_id", input.channel),
      ...optional("conversation_id", input.conversation),
      ...optional("reply_to_message_id", input.replyTo),
      ...optional("subject", input.subject),
      ...(input.to.length === 0 ? {} : { to: input.to })
    }
    const message = yield* (yield* MessagesApi).sendMessage(
      request,
      Option.match(input.idempotencyKey, { onNone: () => ({}), onSome: (idempotencyKey) => ({ idempotencyKey }) })
    )
    yield* Output.write(Export.ndjsonLines([message])).pipe(Effect.catchTag("BrokenPipe", () => Effect.void))
  })).pipe(
    Settings.provide,
    Command.withDescription(
      "Send a message and print it as JSON; the body from --body, --body-file or stdin.\n\nExamples:\n" +
        "  convore send --channel chnnl_01 --to bob@example.com --body 'See you at 3'\n" +
        "  echo 'See you at 3' | convore send --reply-to msg_01"
    )
  )
