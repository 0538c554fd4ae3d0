/**
 * The `convore` command: its subcommands, and every failure turned into one
 * line on stderr and the exit code of its class (see `ExitCodes`).
 */
import { isMessagesApiError, PaginationError } from "@convore/core"
import { Command, ValidationError } from "@effect/cli"
import { ConfigError, Console, Effect } from "effect"
import * as CallCommands from "./CallCommands.js"
import * as ExitCodes from "./ExitCodes.js"
import * as ExportCommand from "./ExportCommand.js"
import * as ImportCommand from "./ImportCommand.js"
import { userAgent } from "./Version.js"

/** The root command. */
export const convore = Command.make("convore").pipe(
  Command.withDescription(
    "The Convore Messages API from the shell: exports, imports and quick calls. Settings come from flags, then " +
      "CONVORE_BASE_URL and CONVORE_API_KEY.\n\nExit codes: 0 done; 1 unexpected (a bug); 2 bad command line, " +
      "settings or input; 3 key missing, wrong or not allowed; 4 not found; 5 refused by the server; 6 server " +
      "or network failed after retries (try later); 7 an answer that breaks the contract; 8 incomplete (rerun to " +
      "resume)."
  ),
  Command.withSubcommands([
    ExportCommand.command,
    ImportCommand.command,
    CallCommands.list,
    CallCommands.get,
    CallCommands.send
  ])
)

const version = userAgent.slice(userAgent.lastIndexOf("/") + 1)

/** Explains `error` in one line on stderr and answers the exit code to end with. */
const explain = (error: unknown): Effect.Effect<number> => {
  if (error instanceof ExitCodes.Exit) return Effect.succeed(error.code)
  // @effect/cli has printed what is wrong with the command line, and the usage
  if (ValidationError.isValidationError(error)) return Effect.succeed(ExitCodes.ExitCode.Usage)
  if (isMessagesApiError(error)) {
    return Effect.as(Console.error(ExitCodes.describeApiError(error)), ExitCodes.ofApiError(error))
  }
  if (PaginationError.is(error)) {
    return error.cause === undefined
      ? Effect.as(Console.error(`PaginationError: ${error.message}`), ExitCodes.ExitCode.Incomplete)
      : Effect.as(Console.error(ExitCodes.describeApiError(error.cause)), ExitCodes.ofApiError(error.cause))
  }
  if (ConfigError.isConfigError(error)) {
    return Effect.as(Console.error(ExitCodes.describeConfigError(error)), ExitCodes.ExitCode.Usage)
  }
  if (typeof error === "object" && error !== null && "_tag" in error && "message" in error) {
    // the platform's file errors (a missing file, no permission): something the person fixes
    return Effect.as(Console.error(`${String(error._tag)}: ${String(error.message)}`), ExitCodes.ExitCode.Usage)
  }
  return Effect.as(Console.error(`unexpected failure (please report it): ${String(error)}`), 1)
}

/**
 * Runs `convore` on `argv` (as `process.argv`); fails with `ExitCodes.Exit`
 * once the failure is explained.
 */
export const run = (argv: ReadonlyArray<string>) =>
  Command.run(convore, { name: "convore", version })(argv).pipe(
    Effect.catchAll((error) => Effect.flatMap(explain(error), (code) => Effect.fail(new ExitCodes.Exit({ code }))))
  )
