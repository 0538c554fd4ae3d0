/**
 * The settings every command shares: where the API is, the key, and the
 * client's options, from flags, then `CONVORE_BASE_URL` / `CONVORE_API_KEY`.
 * The key is read as `Redacted` and never echoed; the client checks every
 * setting and refuses one that makes no sense with a `ConfigError`.
 * `provide` gives a command its `MessagesApi` from them and explains its
 * failures.
 */
import { defaultBaseUrl, MessagesApi, type MessagesApiOptions } from "@convore/client"
import { Command, Options } from "@effect/cli"
import { NodeHttpClient } from "@effect/platform-node"
import { Config, type ConfigError, type Duration, Effect, Layer, Option, type Redacted } from "effect"
import * as ExitCodes from "./ExitCodes.js"

/** The shared flags, parsed. */
export interface Settings {
  readonly baseUrl: Option.Option<string>
  readonly apiKey: Option.Option<Redacted.Redacted>
  readonly timeout: Option.Option<string>
  readonly deadline: Option.Option<string>
  readonly maxRetries: Option.Option<number>
}

const duration = (name: string, description: string) =>
  Options.text(name).pipe(Options.withDescription(description), Options.optional)

/** The shared flags of every command. */
export const options = {
  baseUrl: Options.text("base-url").pipe(
    Options.withFallbackConfig(Config.string("CONVORE_BASE_URL")),
    Options.withDescription(`the API's address (default: CONVORE_BASE_URL, else ${defaultBaseUrl})`),
    Options.optional
  ),
  // optional here, so that a missing key is the command's own failure (exit code 3), not a usage error
  apiKey: Options.redacted("api-key").pipe(
    Options.withFallbackConfig(Config.redacted("CONVORE_API_KEY")),
    Options.withDescription("the API key (default: CONVORE_API_KEY); never printed"),
    Options.optional
  ),
  timeout: duration(
    "timeout",
    "the longest one attempt may take: milliseconds, or e.g. \"30 seconds\" (default 60 seconds)"
  ),
  deadline: duration(
    "deadline",
    "the longest one call may take, retries included: milliseconds, or e.g. \"2 minutes\""
  ),
  maxRetries: Options.integer("max-retries").pipe(
    Options.withDescription(
      "retries after a failed attempt (default 2); a 429 that says when to come back is not counted"
    ),
    Options.optional
  )
}

/** A duration flag: milliseconds when it is a number, else as Effect reads it (`"30 seconds"`). */
const durationInput = (text: string): Duration.DurationInput =>
  /^\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : text as Duration.DurationInput

/** `--format` and `--limit` of the commands that list a conversation. */
export const listing = {
  format: Options.choice("format", ["full", "minimal"]).pipe(
    Options.withDescription("the messages' format (default full)"),
    Options.optional
  ),
  limit: Options.integer("limit").pipe(
    Options.withDescription("messages per page, 1 to 100 (default: the server's, 100)"),
    Options.optional
  )
}

/** The listing parameters `--format` and `--limit` set. */
export const listingParams = (input: {
  readonly format: Option.Option<"full" | "minimal">
  readonly limit: Option.Option<number>
}) => ({
  ...Option.match(input.format, { onNone: () => ({}), onSome: (format) => ({ format }) }),
  ...Option.match(input.limit, { onNone: () => ({}), onSome: (limit) => ({ limit }) })
})

/** `--concurrency`: how many `what` at once, 1 or more (default `otherwise`). */
export const concurrency = (what: string, otherwise: number) =>
  Options.integer("concurrency").pipe(
    Options.withDescription(`${what} at once (default ${otherwise})`),
    Options.withDefault(otherwise),
    Options.filterMap((n) => n >= 1 ? Option.some(n) : Option.none(), "--concurrency must be 1 or more")
  )

/** The address the command calls, as given (the client's default when none is). */
export const baseUrlOf = (settings: Settings): string => Option.getOrElse(settings.baseUrl, () => defaultBaseUrl)

/** The client's options from the settings; the client checks them all. */
const clientOptions = (settings: Settings, apiKey: Redacted.Redacted): MessagesApiOptions => ({
  apiKey,
  ...Option.match(settings.baseUrl, { onNone: () => ({}), onSome: (baseUrl) => ({ baseUrl }) }),
  // a text the client cannot read as a duration is refused by it, naming the option
  ...Option.match(settings.timeout, {
    onNone: () => ({}),
    onSome: (timeout) => ({ timeout: durationInput(timeout) })
  }),
  ...Option.match(settings.deadline, {
    onNone: () => ({}),
    onSome: (deadline) => ({ deadline: durationInput(deadline) })
  }),
  ...Option.match(settings.maxRetries, { onNone: () => ({}), onSome: (maxRetries) => ({ maxRetries }) })
})

/** `MessagesApi` over the platform's undici client, one for the whole command; `NoApiKey` without a key. */
export const layer = (settings: Settings): Layer.Layer<MessagesApi, ConfigError.ConfigError | ExitCodes.NoApiKey> =>
  Option.match(settings.apiKey, {
    onNone: () => Layer.fail(new ExitCodes.NoApiKey()),
    onSome: (apiKey) =>
      MessagesApi.layer(clientOptions(settings, apiKey)).pipe(Layer.provide(NodeHttpClient.layerUndici))
  })

/**
 * `command` with its `MessagesApi` made from its settings, and every failure
 * explained in one line on stderr (naming the address called when it cannot
 * be reached) and turned into `ExitCodes.Exit` with the code of its class.
 */
export const provide = <Name extends string, R, E, A extends Settings>(command: Command.Command<Name, R, E, A>) =>
  command.pipe(
    Command.provide((settings: A) => layer(settings)),
    Command.transformHandler((effect, settings) => Effect.catchAll(effect, ExitCodes.explained(baseUrlOf(settings))))
  )
