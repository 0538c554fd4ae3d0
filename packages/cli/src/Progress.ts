/**
 * Progress of work made of parts (an export's conversations): on a terminal,
 * a block of lines redrawn in place (one per part, then the total) with
 * messages, pages, rate and, where the total is known, the ETA; otherwise
 * quiet lines a log can keep, at most one per part every `quietEvery` and one
 * when a part ends.
 */
import { Clock, Duration, Effect, Fiber, Ref } from "effect"
import * as Output from "./Output.js"

/** Where one part stands. */
export interface PartProgress {
  readonly messages: number
  readonly pages: number
  /** The part's total, when the server said. */
  readonly total: number | undefined
  readonly messagesPerSecond: number
  /** `empty`: done, with no messages at all. */
  readonly state: "waiting" | "running" | "done" | "empty" | "failed"
}

const waiting: PartProgress = { messages: 0, pages: 0, total: undefined, messagesPerSecond: 0, state: "waiting" }

const count = (n: number) => n.toLocaleString("en-US")

const eta = (progress: PartProgress): string => {
  if (progress.total === undefined || progress.messagesPerSecond <= 0 || progress.state !== "running") return ""
  const seconds = Math.max(0, progress.total - progress.messages) / progress.messagesPerSecond
  return `, ETA ${Duration.format(Duration.seconds(Math.ceil(seconds)))}`
}

/** One part's line: `cnv_1  running  1,200/5,000 messages, 12 pages, 340 msg/s, ETA 11s`. */
export const line = (name: string, progress: PartProgress): string =>
  `${name}  ${progress.state}  ${count(progress.messages)}${
    progress.total === undefined ? "" : `/${count(progress.total)}`
  } messages, ${count(progress.pages)} pages, ${Math.round(progress.messagesPerSecond)} msg/s${eta(progress)}`

/** The total over all parts. */
export const totalLine = (parts: ReadonlyMap<string, PartProgress>, elapsedMillis: number): string => {
  let messages = 0
  let pages = 0
  let done = 0
  for (const part of parts.values()) {
    messages += part.messages
    pages += part.pages
    if (part.state === "done") done++
  }
  const rate = elapsedMillis > 0 ? Math.round((messages * 1000) / elapsedMillis) : 0
  return `total  ${done}/${parts.size} done  ${count(messages)} messages, ${count(pages)} pages, ${rate} msg/s`
}

/** A progress display over named parts. */
export interface Display {
  readonly update: (name: string, progress: PartProgress) => Effect.Effect<void>
  /** Marks a part failed, keeping how far it got. */
  readonly fail: (name: string) => Effect.Effect<void>
  /** Draws the final state (on a terminal) and stops redrawing. */
  readonly finish: Effect.Effect<void>
}

/**
 * A display of `names`: redrawn in place every `redrawEvery` when stdout is
 * a terminal, else quiet lines. Runs in the scope it is made in.
 */
export const make = (names: ReadonlyArray<string>, options: {
  readonly redrawEvery?: Duration.DurationInput
  readonly quietEvery?: Duration.DurationInput
} = {}) =>
  Effect.gen(function*() {
    const startedAt = yield* Clock.currentTimeMillis
    const parts = yield* Ref.make(new Map(names.map((name) => [name, waiting] as const)))
    const terminal = Output.isTerminal()
    // the pipe may close while progress is drawn: progress is not worth failing for
    const print = (text: string) => Effect.ignore(Output.write(text))

    const failed = (name: string) =>
      Effect.map(Ref.get(parts), (map) => ({ ...(map.get(name) ?? waiting), state: "failed" as const }))

    if (!terminal) {
      const quietEvery = Duration.toMillis(Duration.decode(options.quietEvery ?? "1 second"))
      const lastPrinted = new Map<string, number>()
      const update = (name: string, progress: PartProgress) =>
        Effect.gen(function*() {
          yield* Ref.update(parts, (map) => new Map(map).set(name, progress))
          const now = yield* Clock.currentTimeMillis
          const ended = progress.state === "done" || progress.state === "empty" || progress.state === "failed"
          if (!ended && now - (lastPrinted.get(name) ?? 0) < quietEvery) return
          lastPrinted.set(name, now)
          yield* print(`${line(name, progress)}\n`)
        })
      return {
        update,
        fail: (name) => Effect.flatMap(failed(name), (progress) => update(name, progress)),
        finish: Effect.void
      } satisfies Display
    }

    let drawnLines = 0
    const draw = Effect.gen(function*() {
      const map = yield* Ref.get(parts)
      const now = yield* Clock.currentTimeMillis
      const lines = [...map].map(([name, progress]) => line(name, progress))
      lines.push(totalLine(map, now - startedAt))
      // up over the block drawn last time, then each line cleared and drawn again
      const up = drawnLines > 0 ? `\x1b[${drawnLines}A` : ""
      drawnLines = lines.length
      yield* print(`${up}${lines.map((text) => `\r\x1b[2K${text}`).join("\n")}\n`)
    })
    const redraw = yield* Effect.forkScoped(
      Effect.forever(Effect.zipRight(Effect.sleep(options.redrawEvery ?? "200 millis"), draw))
    )
    return {
      update: (name, progress) => Ref.update(parts, (map) => new Map(map).set(name, progress)),
      fail: (name) =>
        Effect.flatMap(failed(name), (progress) => Ref.update(parts, (map) => new Map(map).set(name, progress))),
      finish: Effect.zipRight(Fiber.interrupt(redraw), draw)
    } satisfies Display
  })
