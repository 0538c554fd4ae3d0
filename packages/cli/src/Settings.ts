/**
 * The settings every command shares: where the API is, the key, and the
 * client's options, from flags, then `CONVORE_BASE_URL` / `CONVORE_API_KEY`.
 * The key is read as `Redacted` and never echoed; the client checks every
 * setting and refuses one that makes no sense with a `ConfigError`.
 */
import { MessagesApi, type MessagesApiOptions } from "@convore/client"
import * as UndiciHttpClient from "@convore/client/UndiciHttpClient"
import { Options } from "@effect/cli"
import { Config, type ConfigError, type Duration, Layer, Option, type Redacted } from "effect"

/** The shared flags, parsed. */
export interface Settings {
  readonly baseUrl: Option.Option<string>
  readonly apiKey: Redacted.Redacted
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
    Options.withDescription("the API's address (default: CONVORE_BASE_URL, else http://localhost:8080)"),
    Options.optional
  ),
  apiKey: Options.redacted("api-key").pipe(
    Options.withFallbackConfig(Config.redacted("CONVORE_API_KEY")),
    Options.withDescription("the API key (default: CONVORE_API_KEY); never printed")
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

/** The client's options from the settings; the client checks them all. */
const clientOptions = (settings: Settings): MessagesApiOptions => ({
  apiKey: settings.apiKey,
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

/** `MessagesApi` over `UndiciHttpClient` (the transport recommended on Node), one client for the whole command. */
export const layer = (settings: Settings): Layer.Layer<MessagesApi, ConfigError.ConfigError> =>
  MessagesApi.layer(clientOptions(settings)).pipe(Layer.provide(UndiciHttpClient.layer))
