#!/usr/bin/env node
/**
 * `convore`, the command of @convore/cli (`pnpm convore` in this workspace).
 * Ends with the exit code of what happened (see `ExitCodes`); Ctrl-C stops it
 * cleanly, and an export or import stopped that way resumes when rerun.
 */
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Effect, Exit, Option } from "effect"
import * as Cli from "../Cli.js"
import * as ExitCodes from "../ExitCodes.js"

Cli.run(process.argv).pipe(
  Effect.provide(NodeContext.layer),
  NodeRuntime.runMain({
    // every failure was explained in one line; a defect is printed by the runtime's own report
    disableErrorReporting: true,
    teardown: (exit, onExit) => {
      if (Exit.isSuccess(exit)) return onExit(ExitCodes.ExitCode.Done)
      const failure = Cause.failureOption(exit.cause)
      if (Option.isSome(failure) && failure.value instanceof ExitCodes.Exit) return onExit(failure.value.code)
      if (Cause.isInterruptedOnly(exit.cause)) return onExit(130)
      console.error(Cause.pretty(exit.cause))
      onExit(ExitCodes.ExitCode.Unexpected)
    }
  })
)
