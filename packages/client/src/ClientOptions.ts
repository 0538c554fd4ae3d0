/**
 * What a `MessagesApi` client is configured with, per client and per call,
 * and the defaults: those of the best API SDKs. Every rule is said once, as a
 * Schema filter with its message: `MessagesApi.layer` decodes its options
 * with them, `MessagesApi.layerConfig` its environment (`Schema.Config`), and
 * each call its overrides.
 */
import { firstIssue, InvalidRequest } from "@convore/core"
import type { HttpClient } from "@effect/platform"
import { ConfigError, Duration, Either, identity, Option, type ParseResult, Predicate, Redacted, Schema } from "effect"

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
  /**
   * How long one attempt may take, headers and body (default 60 s). An
   * infinite duration (`Infinity`, `Duration.infinity`) means no limit, as in
   * Effect; a huge finite one is kept as it is.
   */
  readonly timeout?: Duration.DurationInput
  /**
   * How long the whole call may take, every attempt and wait included
   * (default: no limit). An infinite duration (`Infinity`,
   * `Duration.infinity`) means no limit too; a huge finite one is kept as it is.
   */
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
   * Decode answers through the fast path generated for `Message` and
   * `PageMessage` (default true; see `FastDecoder` of `@convore/core`): the
   * same answers as the Schema decoder, for less CPU; `false` makes this
   * client use the Schema decoder alone.
   */
  readonly compiledDecoder?: boolean
  /** Wraps the `HttpClient` every request goes through (middleware, tracing, a proxy…). */
  readonly transformClient?: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

/** The base URL used when none is given. */
export const defaultBaseUrl = "http://localhost:8080"

/** The default of `maxResponseBytes`: 32 MiB, ~180 times a full page of 100 typical messages. */
export const defaultMaxResponseBytes = 32 * 1024 * 1024

/** `, got -1`: the plain value a message refuses (objects, which may not print, are left out). */
const got = (u: unknown): string =>
  typeof u === "string"
    ? `, got ${JSON.stringify(u)}`
    : typeof u === "number" || typeof u === "boolean" || u === null
    ? `, got ${u}`
    : typeof u === "bigint"
    ? `, got ${u}n`
    : Array.isArray(u) && u.every((part) => typeof part === "number")
    ? `, got [${u.join(", ")}]`
    : ""

/**
 * The message of a rule: `problem`, then the value refused. With `override`
 * it is the message of every failure of the schema it annotates (its type's
 * and Effect's own filters' included); without, a failure further in keeps
 * its own message.
 */
const says = (problem: string, override = false) => ({
  message: (issue: ParseResult.ParseIssue) => ({ message: `${problem}${got(issue.actual)}`, override })
})

const WholeNumber = Schema.NonNegativeInt.annotations(says("must be a whole number", true))

const ByteCount = Schema.Int.pipe(Schema.positive()).annotations(says("must be a whole number of bytes above 0", true))

const Share = Schema.Number.pipe(Schema.between(0, 1)).annotations(says("must be from 0 to 1", true))

/** Whether a duration input is negative or NaN, which `Duration.decode` would quietly read as 0. */
const negative = (input: Duration.DurationInput): boolean =>
  typeof input === "string"
    ? input.startsWith("-")
    : typeof input === "number" || typeof input === "bigint"
    ? !(input >= 0)
    : !Duration.isDuration(input) && input.some(negative)

/** Anything `Duration.decode` reads: milliseconds, nanoseconds as a bigint, `"30 seconds"`, `[seconds, nanos]`, a `Duration`. */
const DurationInput = Schema.declare((u): u is Duration.DurationInput => Option.isSome(Duration.decodeUnknown(u)))
  .annotations(says("must be a duration (milliseconds, \"30 seconds\", a Duration)"))

const NonNegative = DurationInput.pipe(Schema.filter((input) => !negative(input), says("must not be negative")))

const AboveZero = NonNegative.pipe(
  Schema.filter((input) => !Duration.isZero(Duration.decode(input)), says("must be above 0"))
)

/** A checked duration input, decoded; `Infinity` is `Duration.infinity`, a huge finite input stays as it is. */
const decoded = (input: Schema.Schema<Duration.DurationInput>) =>
  Schema.transform(input, Schema.DurationFromSelf, { strict: true, decode: Duration.decode, encode: identity })

/** A wait that may be 0: `initialDelay`, `maxDelay`, `maxRetryAfter`. */
const Delay = decoded(NonNegative)

/** A limit, above 0: `timeout`, `deadline`. */
const Limit = decoded(AboveZero)

/**
 * An API base URL: http or https, without a query, fragment or credentials.
 * No message quotes it: it may hold credentials.
 */
export const BaseUrl = Schema.String.pipe(
  Schema.filter((text) => URL.canParse(text), {
    message: () => ({ message: "must be an absolute http or https URL", override: true })
  }),
  Schema.filter((text) => ["http:", "https:"].includes(new URL(text).protocol), {
    // Effect asks every rule of the chain for its message, this one too when an earlier rule refused the text
    message: ({ actual }) =>
      `must be an http or https URL, not ${
        typeof actual === "string" && URL.canParse(actual) ? new URL(actual).protocol : "another scheme"
      }`
  }),
  Schema.filter((text) => !text.includes("?"), { message: () => "cannot have a ?query: each call adds its own" }),
  Schema.filter((text) => !text.includes("#"), { message: () => "cannot have a #fragment" }),
  Schema.filter((text) => {
    const url = new URL(text)
    return url.username === "" && url.password === ""
  }, { message: () => "cannot hold credentials: pass the key as apiKey" })
)

/** The rules of an API key: printable ASCII, no space or control character; no message quotes it. */
const keyRules = <I>(key: Schema.Schema<Redacted.Redacted<string>, I>) =>
  key.pipe(
    Schema.filter((key) => Redacted.value(key) !== "", { message: () => "is empty" }),
    Schema.filter((key) => /^[\x21-\x7e]+$/.test(Redacted.value(key)), {
      message: () =>
        "may hold only printable ASCII characters, without spaces or control characters (the key is not shown)"
    })
  )

/** An API key read from a string, as the environment holds it; decoded `Redacted`. */
export const ApiKey = keyRules(Schema.Redacted(Schema.String))

/** The options of a client, checked, with every default filled in. */
const ClientSettings = Schema.Struct({
  baseUrl: Schema.optionalWith(
    Schema.transform(BaseUrl, Schema.String, {
      strict: true,
      decode: (url) => url.replace(/\/+$/, ""),
      encode: identity
    }),
    { default: () => defaultBaseUrl }
  ),
  apiKey: keyRules(
    Schema.Union(Schema.Redacted(Schema.String), Schema.RedactedFromSelf(Schema.String))
      .annotations({ message: () => ({ message: "must be a string or a Redacted string", override: true }) })
  ),
  maxRetries: Schema.optionalWith(WholeNumber, { default: () => 2 }),
  initialDelay: Schema.optionalWith(Delay, { default: () => Duration.millis(500) }),
  maxDelay: Schema.optionalWith(Delay, { default: () => Duration.seconds(8) }),
  jitter: Schema.optionalWith(Share, { default: () => 0.25 }),
  maxRetryAfter: Schema.optionalWith(Delay, { default: () => Duration.seconds(60) }),
  timeout: Schema.optionalWith(Limit, { default: () => Duration.seconds(60) }),
  deadline: Schema.optional(Limit),
  maxResponseBytes: Schema.optionalWith(ByteCount, { default: () => defaultMaxResponseBytes })
})

const RetrySettings = ClientSettings.pick("maxRetries", "initialDelay", "maxDelay", "jitter", "maxRetryAfter")

/**
 * A per-call override: absent when missing or `undefined`, so that laying the
 * overrides over the client's settings never unsets one.
 */
const override = <A, I>(schema: Schema.Schema<A, I>) =>
  Schema.optionalToOptional(Schema.UndefinedOr(schema), Schema.typeSchema(schema), {
    decode: Option.filter(Predicate.isNotUndefined),
    encode: identity
  })

/** The options every call may override, checked. */
const CallSettings = Schema.Struct({
  maxRetries: override(WholeNumber),
  timeout: override(Limit),
  deadline: override(Limit),
  maxResponseBytes: override(ByteCount)
})

/** The retry settings, checked, with every default filled in. */
export interface ResolvedRetryOptions extends Schema.Schema.Type<typeof RetrySettings> {}

/** A client's options, checked and with every default filled in. */
export interface ResolvedOptions extends Schema.Schema.Type<typeof ClientSettings> {}

/** The first problem of some options, as `maxRetries must be a whole number, got -1`, with its path. */
const problemOf = (error: ParseResult.ParseError) => {
  const issue = firstIssue(error)
  return { path: issue.path, message: issue.path === "" ? issue.message : `${issue.path} ${issue.message}` }
}

/** `InvalidData` naming the option `error` is about. */
const invalidData = (error: ParseResult.ParseError): ConfigError.ConfigError => {
  const { message, path } = problemOf(error)
  return ConfigError.InvalidData(path === "" ? [] : [path], message)
}

/** Checks retry options and fills in the defaults, or fails with `InvalidData` naming the option. */
export const resolveRetry = (options: RetryOptions): Either.Either<ResolvedRetryOptions, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(RetrySettings)(options), invalidData)

/**
 * Checks a client's options and fills in the defaults, or fails with a
 * `ConfigError` (`InvalidData`) naming the option and what is wrong with it.
 */
export const resolve = (options: MessagesApiOptions): Either.Either<ResolvedOptions, ConfigError.ConfigError> =>
  Either.mapLeft(Schema.decodeUnknownEither(ClientSettings)(options), invalidData)

/** The client's settings with one call's overrides applied, or `InvalidRequest` for a bad override. */
export const forCall = (
  resolved: ResolvedOptions,
  operation: string,
  call: RequestOptions | undefined
): Either.Either<ResolvedOptions, InvalidRequest> =>
  call === undefined ? Either.right(resolved) : Either.match(Schema.decodeUnknownEither(CallSettings)(call), {
    onLeft: (error) => {
      const { message, path } = problemOf(error)
      return Either.left(new InvalidRequest({ message: `${operation}: invalid options: ${message}`, path }))
    },
    onRight: (overrides) => Either.right({ ...resolved, ...overrides })
  })
