/**
 * Writing to stdout the way a pipe-friendly command must: in order, waiting
 * for the stream to take each chunk (so a slow reader slows the command
 * instead of growing memory), and stopping cleanly when the reader goes
 * away (`convore list … | head`). The platform's `Terminal.display` has no
 * such stop: it fails with a defect on a closed pipe.
 */
import { Data, Effect } from "effect"

/** The reader of stdout has gone away (EPIPE): stop writing; it is not a failure of the command. */
export class BrokenPipe extends Data.TaggedError("BrokenPipe") {}

let listening = false

/** Writes `text` to stdout, once the stream has taken it; fails with `BrokenPipe` when the reader is gone. */
export const write = (text: string): Effect.Effect<void, BrokenPipe> =>
  Effect.async<void, BrokenPipe>((resume) => {
    if (!listening) {
      // without a listener, Node turns EPIPE into an uncaught exception; the write's callback reports it
      process.stdout.on("error", () => {})
      listening = true
    }
    if (process.stdout.destroyed) return resume(Effect.fail(new BrokenPipe()))
    process.stdout.write(text, (error) => resume(error ? Effect.fail(new BrokenPipe()) : Effect.void))
  })

/** Whether stdout is a terminal a person is looking at (progress is drawn) rather than a pipe or a file. */
export const isTerminal = (): boolean => process.stdout.isTTY === true
