/**
 * The `convore` command: its subcommands, its help (see `Help`), and every
 * failure turned into one line on stderr and the exit code of its class
 * (see `ExitCodes`; each command explains its own, see `Settings.provide`).
 */
import { defaultBaseUrl } from "@convore/client"
import { CliConfig, Command } from "@effect/cli"
import { Effect } from "effect"
import * as CallCommands from "./CallCommands.js"
import * as ExitCodes from "./ExitCodes.js"
import * as ExportCommand from "./ExportCommand.js"
import * as Help from "./Help.js"
import * as ImportCommand from "./ImportCommand.js"
import { userAgent } from "./Version.js"

/** The root command. */
export const convore = Command.make("convore").pipe(
  Command.withDescription(
    "The Convore Messages API from the shell: exports, imports and quick calls. Settings come from flags, then " +
      "CONVORE_BASE_URL and CONVORE_API_KEY. `convore <command> --help` shows a command's options; " +
      "`convore --version` prints the version, `convore --completions bash` (or zsh, fish, sh) a completion " +
      "script.\n\nExit codes:\n" + ExitCodes.table
  ),
  Command.withSubcommands([
    ExportCommand.command,
    ImportCommand.command,
    CallCommands.list,
    CallCommands.get,
    CallCommands.send
  ])
)

const name = "convore"
const version = userAgent.slice(userAgent.lastIndexOf("/") + 1)

/** How @effect/cli reads the command line: the built-in options are left out of each command's help. */
const config = CliConfig.make({ showBuiltIns: false })

/**
 * Runs `convore` on `argv` (as `process.argv`); fails with `ExitCodes.Exit`
 * once the failure is explained. `convore` alone shows its help.
 */
export const run = (argv: ReadonlyArray<string>) => {
  const args = argv.length > 2 ? argv.slice(2) : ["--help"]
  return Effect.gen(function*() {
    if (yield* Help.show({ name, version, command: convore.descriptor, args, config })) return
    yield* Command.run(convore, { name, version })([...argv.slice(0, 2), ...args])
  }).pipe(
    Effect.provide(CliConfig.layer(config)),
    // each command has explained its own failure; what is left is a bad command line, which @effect/cli has
    // printed with the usage
    Effect.catchAll(ExitCodes.explained(defaultBaseUrl))
  )
}
