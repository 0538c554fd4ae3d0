/**
 * What a failure tells the person at the shell: one line naming the typed
 * error and what to do about it, and the exit code of its class. The codes
 * are part of the command's interface (scripts branch on them):
 *
 * | code | meaning |
 * | --- | --- |
 * | 0 | done |
 * | 1 | an unexpected failure (a bug: please report it) |
 * | 2 | the command line, the settings or the input are wrong (`InvalidRequest`, a bad option, a bad file) |
 * | 3 | the key is missing, wrong or not allowed (`Unauthorized`, `Forbidden`) |
 * | 4 | no such message or conversation (`NotFound`) |
 * | 5 | the server refused the request (`BadRequest`, `Conflict`, `UnprocessableEntity`) |
 * | 6 | the server or the network failed, retries included: try again later (`RateLimited`, `ServerError`, `TransportError`, `UnexpectedStatus`) |
 * | 7 | the server answered something the contract does not allow (`DecodeError`) |
 * | 8 | the work is incomplete: rerun the same command to resume (an export stopped, an import with rejected lines) |
 */
import type { MessagesApiError } from "@convore/core"
import type { ConfigError } from "effect"
import { Data } from "effect"

/** The exit codes, by name. */
export const ExitCode = {
  Done: 0,
  Unexpected: 1,
  Usage: 2,
  Auth: 3,
  NotFound: 4,
  Refused: 5,
  TryLater: 6,
  BadAnswer: 7,
  Incomplete: 8
} as const

/** A failure already explained to the person: the command ends with `code`. */
export class Exit extends Data.TaggedError("Exit")<{ readonly code: number }> {}

/** The exit code of a Messages API error. */
export const ofApiError = (error: MessagesApiError): number => {
  switch (error._tag) {
    case "InvalidRequest":
      return ExitCode.Usage
    case "Unauthorized":
    case "Forbidden":
      return ExitCode.Auth
    case "NotFound":
      return ExitCode.NotFound
    case "BadRequest":
    case "Conflict":
    case "UnprocessableEntity":
      return ExitCode.Refused
    case "RateLimited":
    case "ServerError":
    case "TransportError":
    case "UnexpectedStatus":
      return ExitCode.TryLater
    case "DecodeError":
      return ExitCode.BadAnswer
  }
}

/** What to do about a Messages API error, in a few words. */
export const adviceFor = (error: MessagesApiError): string => {
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
    case "RateLimited":
    case "ServerError":
    case "TransportError":
    case "UnexpectedStatus":
      return "retries ran out: try again later, or raise --max-retries / --timeout"
    case "DecodeError":
      return "the server's answer breaks the contract: report it with the request id"
  }
}

/** The one line for a Messages API error: its tag, its message, and what to do. */
export const describeApiError = (error: MessagesApiError): string =>
  `${error._tag}: ${error.message} (${adviceFor(error)})`

/** The one line for a setting that makes no sense. */
export const describeConfigError = (error: ConfigError.ConfigError): string =>
  `bad settings: ${String(error).replace(/^\(|\)$/g, "")} (fix the option or the environment variable)`
