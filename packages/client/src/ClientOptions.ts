/**
 * What a `MessagesApi` client is configured with, per client and per call,
 * and the defaults: those of the best API SDKs.
 */
import { InvalidRequest } from "@convore/core"
import type { HttpClient } from "@effect/platform"
import { Duration, Either, Redacted } from "effect"

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
  /** The longest `Retry-After` honoured; a 429 asking for more fails at once (default 60 s). */
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
  /** Wraps the `HttpClient` every request goes through (middleware, tracing, a proxy…). */
  readonly transformClient?: (client: HttpClient.HttpClient) => HttpClient.HttpClient
}

/** The base URL used when none is given. */
export const defaultBaseUrl = "http://localhost:8080"

/** Every setting of a client with its default filled in. */
export interface ResolvedOptions {
  readonly baseUrl: string
  readonly apiKey: Redacted.Redacted
  readonly maxRetries: number
  readonly timeout: Duration.Duration
  readonly deadline: Duration.Duration | undefined
  readonly initialDelay: Duration.Duration
  readonly maxDelay: Duration.Duration
  readonly jitter: number
  readonly maxRetryAfter: Duration.Duration
}

const retriesProblem = (maxRetries: number): string | undefined =>
  Number.isInteger(maxRetries) && maxRetries >= 0 ? undefined : `maxRetries must be a whole number, got ${maxRetries}`

/**
 * Fills in the defaults. Settings that make no sense are a programming error
 * and throw a `RangeError` saying which (a defect when it happens in a layer).
 */
export const resolve = (options: MessagesApiOptions): ResolvedOptions => {
  const maxRetries = options.maxRetries ?? 2
  const jitter = options.jitter ?? 0.25
  const problem = retriesProblem(maxRetries) ??
    (jitter >= 0 && jitter <= 1 ? undefined : `jitter must be from 0 to 1, got ${jitter}`)
  if (problem !== undefined) throw new RangeError(problem)
  return {
    baseUrl: (options.baseUrl ?? defaultBaseUrl).replace(/\/+$/, ""),
    apiKey: typeof options.apiKey === "string" ? Redacted.make(options.apiKey) : options.apiKey,
    maxRetries,
    timeout: Duration.decode(options.timeout ?? "60 seconds"),
    deadline: options.deadline === undefined ? undefined : Duration.decode(options.deadline),
    initialDelay: Duration.decode(options.initialDelay ?? "500 millis"),
    maxDelay: Duration.decode(options.maxDelay ?? "8 seconds"),
    jitter,
    maxRetryAfter: Duration.decode(options.maxRetryAfter ?? "60 seconds")
  }
}

/** The client's settings with one call's overrides applied, or `InvalidRequest` for a bad override. */
export const forCall = (
  resolved: ResolvedOptions,
  call: RequestOptions | undefined
): Either.Either<ResolvedOptions, InvalidRequest> => {
  if (call === undefined) return Either.right(resolved)
  const problem = call.maxRetries === undefined ? undefined : retriesProblem(call.maxRetries)
  if (problem !== undefined) return Either.left(new InvalidRequest({ message: problem, path: "maxRetries" }))
  return Either.right({
    ...resolved,
    ...(call.maxRetries === undefined ? {} : { maxRetries: call.maxRetries }),
    ...(call.timeout === undefined ? {} : { timeout: Duration.decode(call.timeout) }),
    ...(call.deadline === undefined ? {} : { deadline: Duration.decode(call.deadline) })
  })
}
