/**
 * When a failed attempt is tried again, and after how long. The one place
 * every operation's retries are decided.
 *
 * Retried: connection failures and attempt timeouts, 408, 429, 500, 502, 503
 * and 504; nothing else. The wait is the server's `Retry-After` when it sent
 * one (up to `maxRetryAfter`; a 429 asking for more fails at once), otherwise
 * exponential backoff from `initialDelay`, doubling up to `maxDelay`, less a
 * random share of up to `jitter`.
 */
import type { MessagesApiError } from "@convore/core"
import { Duration, Effect, Option, Random } from "effect"
import type { ResolvedOptions } from "./ClientOptions.js"

/** A failed attempt: the error it ends in, and the wait the server asked for, if it did. */
export interface AttemptFailure {
  readonly error: MessagesApiError
  readonly retryAfter: Duration.Duration | undefined
}

const retriedStatuses = new Set([408, 429, 500, 502, 503, 504])

/** Whether an attempt that failed with `error` may be tried again at all. */
export const isRetryable = (error: MessagesApiError): boolean => {
  switch (error._tag) {
    case "TransportError":
      return error.reason !== "DeadlineExceeded"
    case "RateLimited":
    case "ServerError":
    case "UnexpectedStatus":
      return error.status !== undefined && retriedStatuses.has(error.status)
    default:
      return false
  }
}

/** The backoff before retry number `retry` (0 for the first), before jitter. */
export const backoff = (options: ResolvedOptions, retry: number): Duration.Duration =>
  Duration.min(Duration.times(options.initialDelay, 2 ** retry), options.maxDelay)

/**
 * How long to wait before retrying after `failure`, the `retry`-th retry
 * (counting from 0), or `None` when it is not to be retried.
 */
export const delayBeforeRetry = (
  options: ResolvedOptions,
  failure: AttemptFailure,
  retry: number
): Effect.Effect<Option.Option<Duration.Duration>> => {
  if (retry >= options.maxRetries || !isRetryable(failure.error)) return Effect.succeedNone
  if (failure.retryAfter !== undefined) {
    return Effect.succeed(
      Duration.lessThanOrEqualTo(failure.retryAfter, options.maxRetryAfter)
        ? Option.some(failure.retryAfter)
        : Option.none()
    )
  }
  return Random.next.pipe(
    Effect.map((random) => Option.some(Duration.times(backoff(options, retry), 1 - options.jitter * random)))
  )
}

/**
 * Runs `attempt` (given its number, from 1) until it succeeds, fails with an
 * error not to be retried, or runs out of retries; logs each retry at debug
 * level. Fails with the last attempt's error.
 */
export const retrying = <A>(
  options: ResolvedOptions,
  attempt: (n: number) => Effect.Effect<A, AttemptFailure>
): Effect.Effect<A, MessagesApiError> => {
  const loop = (n: number): Effect.Effect<A, MessagesApiError> =>
    attempt(n).pipe(
      Effect.catchAll((failure) =>
        Effect.flatMap(delayBeforeRetry(options, failure, n - 1), (delay) =>
          Option.match(delay, {
            onNone: () => Effect.fail(failure.error),
            onSome: (wait) =>
              Effect.logDebug(`retrying after ${failure.error._tag}`).pipe(
                Effect.annotateLogs({ attempt: n, wait: Duration.format(wait), error: failure.error.message }),
                Effect.zipRight(Effect.sleep(wait)),
                Effect.zipRight(loop(n + 1))
              )
          }))
      )
    )
  return loop(1)
}
