/**
 * What a failure tells the person at the shell: one line naming the typed
 * error and what to do about it, and the exit code of its class. The codes
 * are part of the command's interface (scripts branch on them); `classes`
 * is their one table, which `convore --help` prints (`table`) and the README
 * copies.
 */
import { isMessagesApiError, type MessagesApiError, PaginationError, type TransportError } from "@convore/core"
import { ValidationError } from "@effect/cli"
import { Array as Arr, ConfigError, Console, Data, Effect, Predicate, Record } from "effect"

/** The classes of outcome: each one's exit code and what it means. */
const classes = {
  Done: { code: 0, meaning: "done" },
  Unexpected: { code: 1, meaning: "unexpected (a bug: please report it)" },
  Usage: { code: 2, meaning: "the command line, a setting or the input is wrong: a bad option or file" },
  Auth: { code: 3, meaning: "the key is missing, wrong or not allowed" },
  NotFound: { code: 4, meaning: "no such message or conversation" },
  Refused: { code: 5, meaning: "the server refused the request" },
  TryLater: { code: 6, meaning: "the server or the network failed after the retries: try later" },
  BadAnswer: { code: 7, meaning: "an answer that breaks the contract" },
  Incomplete: { code: 8, meaning: "incomplete (an export stopped, an import left rejected lines): rerun to resume" }
} as const

type ClassName = keyof typeof classes

/** The exit codes, by name. */
export const ExitCode = Record.map(classes, ({ code }) => code)

/** The class each Messages API error ends the command with. */
const classOf: { readonly [Tag in MessagesApiError["_tag"]]: ClassName } = {
  InvalidRequest: "Usage",
  Unauthorized: "Auth",
  Forbidden: "Auth",
  NotFound: "NotFound",
  BadRequest: "Refused",
  Conflict: "Refused",
  UnprocessableEntity: "Refused",
  RateLimited: "TryLater",
  ServerError: "TryLater",
  TransportError: "TryLater",
  UnexpectedStatus: "TryLater",
  DecodeError: "BadAnswer"
}

/** The exit codes as `convore --help` shows them: one per line, with the API errors of each. */
export const table: string = Record.collect(classes, (name, { code, meaning }) => {
  const errors = Record.keys(Record.filter(classOf, (of) => of === name))
  return `  ${code}  ${meaning}${errors.length === 0 ? "" : ` (${errors.join(", ")})`}`
}).join("\n")

/** A failure already explained to the person: the command ends with `code`. */
export class Exit extends Data.TaggedError("Exit")<{ readonly code: number }> {}

/** No API key: neither `--api-key` nor `CONVORE_API_KEY`. */
export class NoApiKey extends Data.TaggedError("NoApiKey") {}

/**
 * A conversation listed no messages. The API lists a conversation by
 * filtering all messages, so an unknown id and an empty conversation look
 * the same; either way there is nothing there.
 */
export class NoMessages extends Data.TaggedError("NoMessages")<{ readonly conversationId: string }> {}

/** The exit code of a Messages API error. */
export const ofApiError = (error: MessagesApiError): number => ExitCode[classOf[error._tag]]

/** The `code`s of an error and of the errors under it (a fetch `TypeError`'s `cause`, an `AggregateError`'s `errors`). */
const codesOf = (error: unknown, depth = 0): ReadonlyArray<string> => {
  if (depth > 4 || !Predicate.isObject(error)) return []
  return [
    ...(Predicate.hasProperty(error, "code") && Predicate.isString(error.code) ? [error.code] : []),
    ...(Predicate.hasProperty(error, "cause") ? codesOf(error.cause, depth + 1) : []),
    ...(Predicate.hasProperty(error, "errors") && Arr.isArray(error.errors)
      ? error.errors.flatMap((inner) => codesOf(inner, depth + 1))
      : [])
  ]
}

/** Node's codes for a connection that could not be made: refused, no such host, no route, or a TLS handshake refused. */
const cannotConnect = (code: string): boolean =>
  ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "EADDRNOTAVAIL", "UND_ERR_CONNECT_TIMEOUT"]
    .includes(code) || /^ERR_(TLS|SSL)_|CERT|^UNABLE_TO_|^EPROTO$/.test(code)

/** Whether a transport error is a connection that was never made, rather than one that broke or was slow. */
const isUnreachable = (error: TransportError): boolean =>
  error.reason === "ConnectionFailed" && codesOf(error.cause).some(cannotConnect)

const adviceForTransport = (error: TransportError, baseUrl: string): string => {
  if (isUnreachable(error)) return `could not connect to ${baseUrl}: check --base-url or CONVORE_BASE_URL`
  switch (error.reason) {
    case "DeadlineExceeded":
      return "the --deadline passed: raise it, or try again later"
    case "ResponseTooLarge":
      return "the answer is larger than the client reads: report it"
    default:
      return "retries ran out: try again later, or raise --max-retries / --timeout"
  }
}

/** What to do about a Messages API error, in a few words; `baseUrl` is the address the command called. */
export const adviceFor = (error: MessagesApiError, baseUrl: string): string => {
  switch (error._tag) {
    case "InvalidRequest":
      return "fix the input; nothing was sent"
    case "Unauthorized":
      return "check --api-key or CONVORE_API_KEY"
    case "Forbidden":
      return "this key may not do that: use a key with access"
    case "NotFound":
      return "check the id"
    case "BadRequest":
    case "Conflict":
    case "UnprocessableEntity":
      return "the server refused the request as sent: change it"
    case "TransportError":
      return adviceForTransport(error, baseUrl)
    case "RateLimited":
    case "ServerError":
    case "UnexpectedStatus":
      return "retries ran out: try again later, or raise --max-retries / --timeout"
    case "DecodeError":
      return "the server's answer breaks the contract: report it with the request id"
  }
}

/** The one line for a Messages API error: its tag, its message (a transport's own may span lines), and what to do. */
export const describeApiError = (error: MessagesApiError, baseUrl: string): string =>
  `${error._tag}: ${error.message.trim().replace(/\s*\n\s*/g, " ")} (${adviceFor(error, baseUrl)})`

/** The one line for a conversation with no messages. */
export const describeNoMessages = (error: NoMessages): string =>
  `${error.conversationId}: no messages: not a conversation, or an empty one (check the id)`

/** The one line for a setting that makes no sense. */
const describeConfigError = (error: ConfigError.ConfigError): string =>
  `bad settings: ${String(error).replace(/^\(|\)$/g, "")} (fix the option or the environment variable)`

/** Whether a setting's error is about the key (empty, or not sendable): exit code 3, as a missing key is. */
const isAboutTheKey = (error: ConfigError.ConfigError): boolean =>
  error._op === "InvalidData" && error.path[0] === "apiKey"

/**
 * Explains a command's failure in one line on stderr and answers the exit
 * code to end with; `baseUrl` is the address the command called.
 */
export const explain = (error: unknown, baseUrl: string): Effect.Effect<number> => {
  const say = (line: string, code: number) => Effect.as(Console.error(line), code)
  if (error instanceof Exit) return Effect.succeed(error.code)
  // @effect/cli has printed what is wrong with the command line, and the usage
  if (ValidationError.isValidationError(error)) return Effect.succeed(ExitCode.Usage)
  if (error instanceof NoApiKey) {
    return say("no API key: give --api-key KEY or set CONVORE_API_KEY", ExitCode.Auth)
  }
  if (error instanceof NoMessages) return say(describeNoMessages(error), ExitCode.NotFound)
  if (isMessagesApiError(error)) return say(describeApiError(error, baseUrl), ofApiError(error))
  if (PaginationError.is(error)) {
    return error.cause === undefined
      ? say(`PaginationError: ${error.message}`, ExitCode.Incomplete)
      : say(describeApiError(error.cause, baseUrl), ofApiError(error.cause))
  }
  if (ConfigError.isConfigError(error)) {
    return say(describeConfigError(error), isAboutTheKey(error) ? ExitCode.Auth : ExitCode.Usage)
  }
  if (Predicate.hasProperty(error, "_tag") && Predicate.hasProperty(error, "message")) {
    // the platform's file errors (a missing file, no permission): something the person fixes
    return say(`${String(error._tag)}: ${String(error.message)}`, ExitCode.Usage)
  }
  return say(`unexpected failure (please report it): ${String(error)}`, ExitCode.Unexpected)
}

/** Fails with `Exit` once `error` is explained (see `explain`). */
export const explained = (baseUrl: string) => (error: unknown): Effect.Effect<never, Exit> =>
  Effect.flatMap(explain(error, baseUrl), (code) => Effect.fail(new Exit({ code })))
