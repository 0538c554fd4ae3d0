/**
 * What a `MessagesApi` client is configured with, per client and per call,
 * and the defaults: those of the best API SDKs.
 */
import { firstIssue, InvalidRequest } from "@convore/core"
import type { HttpClient } from "@effect/platform"
import { ConfigError, Duration, Either, Option, type ParseResult, Redacted, Schema } from "effect"

/** How a client retries, and how long it waits. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts). */
  readonly maxRetries?: number
  /** The first backoff delay; each next one doubles (default 0.5 s). */
  readonly initialDelay?: Duration.DurationInput
  /** The longest backoff delay (default 8 s). */
  readonly maxDelay?: Duration.DurationInput
  /** The share of each backoff delay taken off at random, 0 to 1 (default 0.25). */
  readonly jitter?: number
  /**
   * How long one call may wait, over all its 429s, for the `Retry-After` the
   * server asked for (default 60 s). Such waits do not count against
   * `maxRetries`; a 429 asking for more than is left fails at once.
   */
  readonly maxRetryAfter?: Duration.DurationInput
}

/** Options that may be set per client and overridden per call. */
export interface RequestOptions {
  /** Retries after the first attempt (default 2). */
  readonly maxRetries?: number
  /** How long one attempt may take, headers and body (default 60 s). */
  readonly timeout?: Duration.DurationInput
  /** How long the whole call may take, every attempt and wait included (default: no limit). */
  readonly deadline?: Duration.DurationInput
  /**
   * The largest answer body read, in bytes (default 32 MiB): a larger 2xx
   * answer fails with `TransportError` (`ResponseTooLarge`) without being
   * read into memory, and is not retried.
   */
  readonly maxResponseBytes?: number
}

/** Per-call options of `sendMessage` and `importMessage`. */
export interface CreateOptions extends RequestOptions {
  /**
   * The `Idempotency-Key` to send (1 to 255 printable ASCII characters). When
   * absent, a fresh UUID is made for the call and reused on each of its retries.
   */
  readonly idempotencyKey?: string
}

/** The options of `MessagesApi.layer`. */
export interface MessagesApiOptions extends Omit<RetryOptions, "maxRetries">, RequestOptions {
  /** The API's base URL (default `http://localhost:8080`). */
  readonly baseUrl?: string
  /** The API key, sent as `Authorization: Bearer …`; kept `Redacted` everywhere it goes. */
  readonly apiKey: Redacted.Redacted | string
  /**
   * When one call is answered 429 with a `Retry-After` it honours, every other
   * call through this client waits until then too, instead of each collecting
   * its own 429 (default true).
   */
  readonly sharedRateLimitPause?: boolean
  /**
   * Decode answers through the compiled fast path (default true; see
   * `FastDecoder`). The compiled code is generated when the client's module
   * loads; `false` makes this client use the Schema decoder alone.
   */
  readonly compiledDecoder?: boolean
  /** Wraps the `HttpClient` every request goes through (middleware, tracing, a proxy…). */
  readonly transformClient?: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

/** The base URL used when none is given. */
export const defaultBaseUrl = "http://localhost:8080"

/** The default of `maxResponseBytes`: 32 MiB, ~180 times a full page of 100 typical messages. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024

/** The retry settings, checked, with every default filled in. */
export interface ResolvedRetryOptions {
  readonly maxRetries: number
  readonly initialDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly jitter: number
  readonly maxRetryAfter: Duration.Duration
}

/** A client's options, checked and with every default filled in. */
export interface ResolvedOptions extends ResolvedRetryOptions {
  readonly baseUrl: string
  readonly apiKey: Redacted.Redacted
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration | undefined
  readonly maxResponseBytes: number
}

/** What is wrong with a base URL, or `undefined` when it is usable. */
export const baseUrlProblem = (text: string): string | undefined => {
  if (!URL.canParse(text)) return "must be an absolute http or https URL"
  const url = new URL(text)
  if (url.protocol !== "http:" && url.protocol !== "https:") return `must be an http or https URL, not ${url.protocol}`
  if (url.search !== "" || text.includes("?")) return "cannot have a ?query: each call adds its own"
  if (url.hash !== "" || text.includes("#")) return "cannot have a #fragment"
  if (url.username !== "" || url.password !== "") return "cannot hold credentials: pass the key as apiKey"
  return undefined
}

/**
 * What is wrong with an API key, or `undefined` when it can be sent. The
 * answer never quotes the key.
 */
export const apiKeyProblem = (key: string): string | undefined =>
  key === ""
    ? "is empty"
    : /^[\x21-\x7e]+$/.test(key)
    ? undefined
    : "may hold only printable ASCII characters, without spaces or control characters (the key is not shown)"

const show = (value: unknown): string =>
  typeof value === "string" ? JSON.stringify(value) : typeof value === "bigint" ? `${value}n` : String(value)

/**
 * A schema of the values `guard` accepts and `problem` has nothing against;
 * its message is the problem (`must be a whole number`), then the value given
 * (`, got -1`) unless `quote` is false.
 */
const rule = <A>(
  guard: (u: unknown) => u is A,
  problem: (a: A) => string | undefined,
  expected: string,
  quote = true
) =>
  Schema.declare(guard).pipe(
    Schema.filter((a) => problem(a) ?? true),
    Schema.annotations({
      message: (issue) => ({
        message: `${
          issue._tag === "Refinement" && issue.kind === "Predicate"
            ? problem(issue.actual as A) ?? expected
            : `must be ${expected}`
        }${quote ? `, got ${show(issue.actual)}` : ""}`,
        override: true
      })
    })
  )

const isNumber = (u: unknown): u is number => typeof u === "number"

const WholeNumber = rule(
  isNumber,
  (n) => Number.isSafeInteger(n) && n >= 0 ? undefined : "must be a whole number",
  "a whole number"
)

const ByteCount = rule(
  isNumber,
  (n) => Number.isSafeInteger(n) && n > 0 ? undefined : "must be a whole number of bytes above 0",
  "a whole number of bytes"
)

const Share = rule(isNumber, (n) => n >= 0 && n <= 1 ? undefined : "must be from 0 to 1", "a number from 0 to 1")

const negative = (input: unknown): boolean =>
  typeof input === "number"
    ? Number.isNaN(input) || input < 0
    : typeof input === "bigint"
    ? input < 0n
    : typeof input === "string"
    ? input.trim().startsWith("-")
    : Array.isArray(input) && input.some((part) => typeof part !== "number" || Number.isNaN(part) || part < 0)

/**
 * Whether `u` is anything `Duration.decode` reads (milliseconds, nanoseconds
 * as a bigint, `"30 seconds"`, `[seconds, nanos]`, a `Duration`); the rules
 * using it refuse negative and NaN inputs apart, which Effect would quietly
 * read as 0.
 */
const isDurationInput = (u: unknown): u is Duration.DurationInput => Option.isSome(Duration.decodeUnknown(u))

const durationExpected = "a duration (milliseconds, \"30 seconds\", a Duration)"

const NonNegativeDuration = rule(
  isDurationInput,
  (input) => negative(input) ? "must not be negative" : undefined,
  durationExpected
)

const PositiveDuration = rule(
  isDurationInput,
  (input) =>
    negative(input) ? "must not be negative" : Duration.isZero(Duration.decode(input)) ? "must be above 0" : undefined,
  durationExpected
)

// the URL is not quoted: it may hold credentials
const Url = rule((u): u is string => typeof u === "string", baseUrlProblem, "a URL", false)

/** The options every call may override, checked. */
const CallOptions = Schema.Struct({
  maxRetries: Schema.optional(WholeNumber),
  timeout: Schema.optional(PositiveDuration),
  deadline: Schema.optional(PositiveDuration),
  maxResponseBytes: Schema.optional(ByteCount)
})

/** The retry options, checked. */
const RetrySettings = Schema.Struct({
  maxRetries: Schema.optional(WholeNumber),
  initialDelay: Schema.optional(NonNegativeDuration),
  maxDelay: Schema.optional(NonNegativeDuration),
  jitter: Schema.optional(Share),
  maxRetryAfter: Schema.optional(NonNegativeDuration)
})

/** The options of a client, checked (all but the key, which is checked apart so that no message quotes it). */
const ClientSettings = Schema.Struct({
  ...CallOptions.fields,
  ...RetrySettings.fields,
  baseUrl: Schema.optional(Url)
})

/** The first problem of `options`, as `maxRetries must be a whole number, got -1`, with its path. */
const problemOf = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  const issue = firstIssue(error)
  return { path: issue.path, message: issue.path === "" ? issue.message : `${issue.path} ${issue.message}` }
}

const checkSettings = Schema.decodeUnknownEither(ClientSettings)
const checkRetry = Schema.decodeUnknownEither(RetrySettings)
const checkCall = Schema.decodeUnknownEither(CallOptions)

const durationOr = (input: Duration.DurationInput | undefined, otherwise: Duration.DurationInput) =>
  Duration.decode(input ?? otherwise)

/** `InvalidData` naming the option `error` is about. */
const invalidData = (error: ParseResult.ParseError): ConfigError.ConfigError => {
  const problem = problemOf(error)
  return ConfigError.InvalidData(problem.path.split("."), problem.message)
}

/** Checked retry settings with the defaults filled in. */
const retryDefaults = (settings: typeof RetrySettings.Type): ResolvedRetryOptions => ({
  maxRetries: settings.maxRetries ?? 2,
  initialDelay: durationOr(settings.initialDelay, "500 millis"),
  maxDelay: durationOr(settings.maxDelay, "8 seconds"),
  jitter: settings.jitter ?? 0.25,
  maxRetryAfter: durationOr(settings.maxRetryAfter, "60 seconds")
})

/** Checks retry options and fills in the defaults, or fails with `InvalidData` naming the option. */
export const resolveRetry = (options: RetryOptions): Either.Either<ResolvedRetryOptions, ConfigError.ConfigError> =>
  Either.map(Either.mapLeft(checkRetry(options), invalidData), retryDefaults)

/**
 * Checks a client's options and fills in the defaults, or fails with a
 * `ConfigError` (`InvalidData`) naming the option and what is wrong with it.
 */
export const resolve = (options: MessagesApiOptions): Either.Either<ResolvedOptions, ConfigError.ConfigError> => {
  const key: unknown = Redacted.isRedacted(options.apiKey) ? Redacted.value(options.apiKey) : options.apiKey
  const keyProblem = typeof key === "string" ? apiKeyProblem(key) : "must be a string or a Redacted string"
  if (keyProblem !== undefined) return Either.left(ConfigError.InvalidData(["apiKey"], `apiKey ${keyProblem}`))
  const apiKey = typeof options.apiKey === "string" ? Redacted.make(options.apiKey) : options.apiKey
  return Either.map(Either.mapLeft(checkSettings(options), invalidData), (settings) => ({
    ...retryDefaults(settings),
    baseUrl: (settings.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
    apiKey,
    timeout: durationOr(settings.timeout, "60 seconds"),
    deadline: settings.deadline === undefined ? undefined : Duration.decode(settings.deadline),
    maxResponseBytes: settings.maxResponseBytes ?? defaultMaxResponseBytes
  }))
}

/** The client's settings with one call's overrides applied, or `InvalidRequest` for a bad override. */
export const forCall = (
  resolved: ResolvedOptions,
  operation: string,
  call: RequestOptions | undefined
): Either.Either<ResolvedOptions, InvalidRequest> => {
  if (call === undefined) return Either.right(resolved)
  return Either.match(checkCall(call), {
    onLeft: (error) => {
      const problem = problemOf(error)
      return Either.left(
        new InvalidRequest({ message: `${operation}: invalid options: ${problem.message}`, path: problem.path })
      )
    },
    onRight: (settings) =>
      Either.right({
        ...resolved,
        ...(settings.maxRetries === undefined ? {} : { maxRetries: settings.maxRetries }),
        ...(settings.timeout === undefined ? {} : { timeout: Duration.decode(settings.timeout) }),
        ...(settings.deadline === undefined ? {} : { deadline: Duration.decode(settings.deadline) }),
        ...(settings.maxResponseBytes === undefined ? {} : { maxResponseBytes: settings.maxResponseBytes })
      })
  })
}
