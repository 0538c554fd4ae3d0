/**
 * What a `MessagesApi` client is configured with, per client and per call,
 * and the defaults: those of the best API SDKs. Every rule is said once, as a
 * Schema check with its message: `MessagesApi.layer` decodes its options
 * with them, `MessagesApi.layerConfig` its environment (`Config.schema`), and
 * each call its overrides.
 */
import { firstIssue, InvalidRequest } from "@convore/core"
import {
  Config,
  Duration,
  Effect,
  Option,
  Predicate,
  Redacted,
  Result,
  Schema,
  SchemaGetter,
  SchemaTransformation
} from "effect"
import type { HttpClient } from "effect/http"

/** How a client retries, and how long it waits. */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts). */
  readonly maxRetries?: number
  /** The first backoff delay; each next one doubles (default 0.5 s). */
  readonly initialDelay?: Duration.Input
  /** The longest backoff delay (default 8 s). */
  readonly maxDelay?: Duration.Input
  /** The share of each backoff delay taken off at random, 0 to 1 (default 0.25). */
  readonly jitter?: number
  /**
   * How long one call may wait, over all its 429s, for the `Retry-After` the
   * server asked for (default 60 s). Such waits do not count against
   * `maxRetries`; a 429 asking for more than is left fails at once.
   */
  readonly maxRetryAfter?: Duration.Input
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
  readonly timeout?: Duration.Input
  /**
   * How long the whole call may take, every attempt and wait included
   * (default: no limit). An infinite duration (`Infinity`,
   * `Duration.infinity`) means no limit too; a huge finite one is kept as it is.
   */
  readonly deadline?: Duration.Input
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
 * A check that refuses what `holds` does not hold with `problem`, and the
 * value refused unless it is a secret; later checks do not run after it.
 */
const says = <A>(holds: (value: A) => boolean, problem: string, shows = true) =>
  Schema.makeFilter<A>((value) => holds(value) || (shows ? `${problem}${got(value)}` : problem), undefined, true)

/**
 * A rule over any input: the values `is` accepts, every other refused with
 * `problem` (so a value of the wrong type gets the rule's words too).
 */
const rule = <A>(is: (u: unknown) => u is A, problem: string, shows = true) =>
  Schema.Unknown.pipe(Schema.check(says(is, problem, shows)), Schema.refine(is))

const WholeNumber = rule(
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
  "must be a whole number"
)

const ByteCount = rule(
  (u): u is number => Number.isSafeInteger(u) && (u as number) > 0,
  "must be a whole number of bytes above 0"
)

const Share = rule((u): u is number => typeof u === "number" && u >= 0 && u <= 1, "must be from 0 to 1")

const durationObjectKeys: ReadonlySet<string> = new Set([
  "weeks",
  "days",
  "hours",
  "minutes",
  "seconds",
  "milliseconds",
  "microseconds",
  "nanoseconds"
])

/** A `Duration.DurationObject`: a plain object of known units, each a number. */
const isDurationObject = (u: object): boolean => {
  const prototype: unknown = Object.getPrototypeOf(u)
  const entries = Object.entries(u)
  return (prototype === Object.prototype || prototype === null) && entries.length > 0 &&
    entries.every(([unit, amount]) =>
      durationObjectKeys.has(unit) && (amount === undefined || typeof amount === "number")
    )
}

/** Anything `Duration.fromInput` reads: milliseconds, nanoseconds as a bigint, `"30 seconds"`, `[seconds, nanos]`, a `Duration`, `{ seconds: 30 }`. */
const isDurationInput = (u: unknown): u is Duration.Input =>
  (typeof u !== "object" || u === null || Array.isArray(u) || Duration.isDuration(u) || isDurationObject(u)) &&
  Option.isSome(Duration.fromInput(u as Duration.Input))

/** Whether a duration input is negative or NaN (or has such a part), which `Duration.fromInput` would quietly read as 0. */
const negative = (input: Duration.Input): boolean =>
  typeof input === "string"
    ? input.startsWith("-")
    : typeof input === "number"
    ? !(input >= 0)
    : typeof input === "bigint"
    ? input < 0n
    : Duration.isDuration(input)
    ? Duration.isNegative(input)
    : Object.values(input).some((part: unknown) => part !== undefined && negative(part as Duration.Input))

const DurationInput = rule(isDurationInput, "must be a duration (milliseconds, \"30 seconds\", a Duration)")

const NonNegative = DurationInput.check(says((input) => !negative(input), "must not be negative"))

const AboveZero = NonNegative.check(
  says((input) => !Duration.isZero(Duration.fromInputUnsafe(input)), "must be above 0")
)

/** A checked duration input, decoded; `Infinity` is `Duration.infinity`, a huge finite input stays as it is. */
const decoded = (input: typeof NonNegative) =>
  input.pipe(
    Schema.decodeTo(
      Schema.Duration,
      SchemaTransformation.transform<Duration.Duration, Duration.Input>({
        decode: Duration.fromInputUnsafe,
        encode: (duration) => duration
      })
    )
  )

/** A wait that may be 0: `initialDelay`, `maxDelay`, `maxRetryAfter`. */
const Delay = decoded(NonNegative)

/** A limit, above 0: `timeout`, `deadline`. */
const Limit = decoded(AboveZero)

const absoluteUrl = "must be an absolute http or https URL"

/**
 * An API base URL: http or https, without a query, fragment or credentials.
 * No message quotes it: it may hold credentials.
 */
export const BaseUrl = Schema.String.annotate({ message: absoluteUrl }).check(
  says((text) => URL.canParse(text), absoluteUrl, false),
  Schema.makeFilter(
    (text: string) => {
      const { protocol } = new URL(text)
      return ["http:", "https:"].includes(protocol) || `must be an http or https URL, not ${protocol}`
    },
    undefined,
    true
  ),
  says((text) => !text.includes("?"), "cannot have a ?query: each call adds its own", false),
  says((text) => !text.includes("#"), "cannot have a #fragment", false),
  says(
    (text) => {
      const url = new URL(text)
      return url.username === "" && url.password === ""
    },
    "cannot hold credentials: pass the key as apiKey",
    false
  )
)

/** The rules of an API key: printable ASCII, no space or control character; no message quotes it. */
const keyRules = [
  says((key: Redacted.Redacted<string>) => Redacted.value(key) !== "", "is empty", false),
  says(
    (key: Redacted.Redacted<string>) => /^[\x21-\x7e]+$/.test(Redacted.value(key)),
    "may hold only printable ASCII characters, without spaces or control characters (the key is not shown)",
    false
  )
] as const

/** An API key read from a string, as the environment holds it; decoded `Redacted`. */
export const ApiKey = Schema.RedactedFromValue(Schema.String).check(...keyRules)

/** An API key as `layer` takes it, a string or a `Redacted` one; decoded `Redacted`. */
const ClientApiKey = rule(
  (u): u is string | Redacted.Redacted<string> =>
    typeof u === "string" || (Redacted.isRedacted(u) && typeof Redacted.value(u) === "string"),
  "must be a string or a Redacted string",
  false
).pipe(
  Schema.decodeTo(
    Schema.Redacted(Schema.String),
    SchemaTransformation.transform({
      decode: (key) => typeof key === "string" ? Redacted.make(key) : key,
      encode: (key) => key
    })
  ),
  Schema.check(...keyRules)
)

/** An option that is its default when missing or `undefined`. */
const withDefault = <S extends Schema.Top>(schema: S, value: () => S["Type"]) =>
  schema.pipe(Schema.withDecodingDefaultType(Effect.sync(value)))

/** The options of a client, checked, with every default filled in. */
const ClientSettings = Schema.Struct({
  baseUrl: withDefault(
    rule(Predicate.isString, absoluteUrl, false).pipe(
      Schema.decodeTo(BaseUrl),
      Schema.decodeTo(
        Schema.String,
        SchemaTransformation.transform({ decode: (url) => url.replace(/\/+$/, ""), encode: (url) => url })
      )
    ),
    () => defaultBaseUrl
  ),
  apiKey: ClientApiKey,
  maxRetries: withDefault(WholeNumber, () => 2),
  initialDelay: withDefault(Delay, () => Duration.millis(500)),
  maxDelay: withDefault(Delay, () => Duration.seconds(8)),
  jitter: withDefault(Share, () => 0.25),
  maxRetryAfter: withDefault(Delay, () => Duration.seconds(60)),
  timeout: withDefault(Limit, () => Duration.seconds(60)),
  deadline: Schema.optional(Limit),
  maxResponseBytes: withDefault(ByteCount, () => defaultMaxResponseBytes)
})

const RetrySettings = ClientSettings.mapFields((fields) => ({
  maxRetries: fields.maxRetries,
  initialDelay: fields.initialDelay,
  maxDelay: fields.maxDelay,
  jitter: fields.jitter,
  maxRetryAfter: fields.maxRetryAfter
}))

/**
 * A per-call override: absent when missing or `undefined`, so that laying the
 * overrides over the client's settings never unsets one.
 */
const override = <S extends Schema.Top>(schema: S) =>
  Schema.optional(schema).pipe(
    Schema.decodeTo(Schema.optionalKey(Schema.toType(schema)), {
      decode: SchemaGetter.transformOptional(Option.filter(Predicate.isNotUndefined)),
      encode: SchemaGetter.passthrough()
    })
  )

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

/**
 * `ConfigError` naming the option `error` is about: Effect's own, holding the
 * `SchemaError`, as `Config.schema` makes for the environment. Options are
 * decoded without `reportInput`, so no refused value (an API key in the
 * options object) is kept in it; the messages name plain values themselves.
 */
const configError = (error: Schema.SchemaError): Config.ConfigError => new Config.ConfigError(error)

const decodeRetry = Schema.decodeUnknownResult(RetrySettings)
const decodeClient = Schema.decodeUnknownResult(ClientSettings)
const decodeCall = Schema.decodeUnknownResult(CallSettings)

/** Checks retry options and fills in the defaults, or fails with a `ConfigError` naming the option. */
export const resolveRetry = (options: RetryOptions): Result.Result<ResolvedRetryOptions, Config.ConfigError> =>
  Result.mapError(decodeRetry(options), configError)

/**
 * Checks a client's options and fills in the defaults, or fails with a
 * `ConfigError` naming the option and what is wrong with it.
 */
export const resolve = (options: MessagesApiOptions): Result.Result<ResolvedOptions, Config.ConfigError> =>
  Result.mapError(decodeClient(options), configError)

/** The client's settings with one call's overrides applied, or `InvalidRequest` for a bad override. */
export const forCall = (
  resolved: ResolvedOptions,
  operation: string,
  call: RequestOptions | undefined
): Result.Result<ResolvedOptions, InvalidRequest> =>
  call === undefined ? Result.succeed(resolved) : Result.match(decodeCall(call), {
    onFailure: (error) => {
      const { message, path } = firstIssue(error)
      return Result.fail(
        new InvalidRequest({
          message: `${operation}: invalid options: ${path === "" ? message : `${path} ${message}`}`,
          path
        })
      )
    },
    onSuccess: (overrides) => Result.succeed({ ...resolved, ...overrides })
  })
