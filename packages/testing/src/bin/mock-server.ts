#!/usr/bin/env node
/**
 * `convore-mock-server --port N --api-key K` (the bin of @convore/testing;
 * `pnpm mock-server` in this workspace): the mock Convore server as a
 * process, seeded with the fixture conversations. Prints
 * `listening on http://127.0.0.1:N` once it accepts connections, on its own
 * first line (scripts wait for it and read the address with
 * `sed -n 's/^listening on //p'`), then the conversations it holds and a
 * command to try; stops cleanly on SIGINT or SIGTERM; a bad flag prints the
 * usage and exits with 2.
 */
import type { Message } from "@convore/core"
import { NodeRuntime } from "@effect/platform-node"
import { Array as Arr, Console, Effect } from "effect"
import { Fixtures, MockServer, type MockServerOptions } from "../index.js"

const usage = `usage: convore-mock-server --port N --api-key KEY [options]

  --port N            port to listen on, 0 for any free one (default 8080)
  --api-key KEY       the key clients must send as Bearer (default: $CONVORE_API_KEY)
  --host ADDRESS      address to listen on (default 127.0.0.1)
  --latency-ms N      added before every answer
  --failure-rate R    share of requests (0 to 1) answered with 503
  --retry-after S     Retry-After seconds on injected 503s
  --seed N            seed of the injected failures (default 1)
  --empty             start with no messages instead of the fixture conversations
  --no-cors           do not answer CORS preflights (on by default, for web apps in a browser)
  --help              this text`

/** The server's options, and the key to show in the command to try (none when it came from the environment). */
interface Settings {
  readonly options: MockServerOptions
  readonly shownKey: string | undefined
}

/** Reads the flags, or answers what is wrong with them. */
const parse = (args: ReadonlyArray<string>): Settings | string => {
  const flags = new Map<string, string>()
  const switches = new Set(["--empty", "--no-cors", "--help"])
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    const [name, inline] = arg.startsWith("--") && arg.includes("=")
      ? arg.split(/=(.*)/s, 2) as [string, string]
      : [arg, undefined]
    if (!usage.includes(`${name} `) && !usage.includes(`${name}\n`) && !switches.has(name)) return `unknown flag ${arg}`
    if (switches.has(name)) flags.set(name, "")
    else {
      const value = inline ?? args[++i]
      if (value === undefined) return `${name} needs a value`
      flags.set(name, value)
    }
  }
  if (flags.has("--help")) return ""
  const number = (name: string, check: (n: number) => boolean) => {
    const text = flags.get(name)
    if (text === undefined) return undefined
    const value = Number(text)
    return text.trim() !== "" && check(value) ? value : Number.NaN
  }
  const port = number("--port", (n) => Number.isInteger(n) && n >= 0 && n <= 65535) ?? 8080
  const latency = number("--latency-ms", (n) => n >= 0)
  const failureRate = number("--failure-rate", (n) => n >= 0 && n <= 1)
  const retryAfter = number("--retry-after", (n) => Number.isInteger(n) && n >= 0)
  const seed = number("--seed", Number.isInteger)
  const apiKey = flags.get("--api-key") ?? process.env["CONVORE_API_KEY"]
  for (
    const [name, value] of [["--port", port], ["--latency-ms", latency], ["--failure-rate", failureRate], [
      "--retry-after",
      retryAfter
    ], ["--seed", seed]] as const
  ) {
    if (Number.isNaN(value)) return `${name} has a bad value: ${flags.get(name)}`
  }
  if (apiKey === undefined || apiKey === "") return "--api-key is required (or set CONVORE_API_KEY)"
  return {
    options: {
      apiKey,
      port,
      host: flags.get("--host") ?? "127.0.0.1",
      messages: flags.has("--empty") ? [] : Fixtures.conversations,
      cors: !flags.has("--no-cors"),
      faults: {
        ...(latency === undefined ? {} : { latency: `${latency} millis` as const }),
        ...(failureRate === undefined ? {} : { failureRate }),
        ...(retryAfter === undefined ? {} : { retryAfter }),
        ...(seed === undefined ? {} : { seed })
      }
    },
    // the key given with --api-key is this mock server's own (a dev key such as `dev`), already on its command
    // line, so the command to try shows it and pastes as it is; a key from CONVORE_API_KEY may be a real one
    // the environment holds for the real API, so it is never printed: the command relies on the same variable
    shownKey: flags.get("--api-key")
  }
}

/** `text` as one shell word: as it is when it is safe so, else single-quoted. */
const shellWord = (text: string) => /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`

/**
 * What follows the `listening on` line: each conversation the server was
 * seeded with (id, message count, subject), in the fixtures' order, and a
 * `convore list` of the first one, to paste in another terminal.
 */
const welcome = (url: string, messages: Iterable<Message>, shownKey: string | undefined): string => {
  const conversations = Object.values(Arr.groupBy(messages, (message) => message.conversation_id))
  if (!Arr.isNonEmptyArray(conversations)) return "conversations: none (started with --empty)"
  const width = String(Math.max(...conversations.map((thread) => thread.length))).length
  const rows = conversations.map((thread) =>
    `  ${thread[0].conversation_id}  ${String(thread.length).padStart(width)} messages  ${
      thread[0].subject === null ? "(chat)" : JSON.stringify(thread[0].subject)
    }`
  )
  const variables = shownKey === undefined
    ? `CONVORE_BASE_URL=${shellWord(url)}`
    : `CONVORE_BASE_URL=${shellWord(url)} CONVORE_API_KEY=${shellWord(shownKey)}`
  return [
    "conversations:",
    ...rows,
    shownKey === undefined ? "try, in another terminal with the same CONVORE_API_KEY:" : "try, in another terminal:",
    `  ${variables} npx @convore/cli list ${conversations[0][0].conversation_id}`
  ].join("\n")
}

const settings = parse(process.argv.slice(2))
if (typeof settings === "string") {
  if (settings === "") {
    console.log(usage)
    process.exit(0)
  }
  console.error(`convore-mock-server: ${settings}\n\n${usage}`)
  process.exit(2)
}

NodeRuntime.runMain(
  Effect.gen(function*() {
    const server = yield* MockServer
    yield* Console.log(`listening on ${server.url}`)
    yield* Console.log(welcome(server.url, settings.options.messages ?? [], settings.shownKey))
    return yield* Effect.never
  }).pipe(Effect.provide(MockServer.layer(settings.options)))
)
