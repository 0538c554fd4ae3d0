/**
 * When a failed attempt is tried again, and after how long. The one place
 * every operation's retries are decided.
 *
 * Retried: connection failures and attempt timeouts, 408, 429, 500, 502, 503
 * and 504; nothing else. The wait is the server's `Retry-After` when it sent
 * one, otherwise exponential backoff from `initialDelay`, doubling up to
 * `maxDelay`, less a random share of up to `jitter`.
 *
 * Waits the server asked for are bounded by time, not by count: a call waits
 * at most `maxRetryAfter` for them in all (a `Retry-After` asking for more
 * than is left fails at once), and a 429 that says when to come back does not
 * count against `maxRetries`, since it is no failure of the request (under a
 * rate-limit storm, a count would drop sends the server would take a second
 * later). Every other retry counts, and `maxRetries: 0` turns retries off
 * altogether. `deadline` bounds all of it.
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
      return error.reason === "ConnectionFailed" || error.reason === "Timeout"
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

/** Where a call stands in its retries. */
export interface RetryState {
  /** Retries made that count against `maxRetries`. */
  readonly retries: number
  /** Time waited so far for the server's `Retry-After`. */
  readonly serverWaits: Duration.Duration
}

/** A retry decided: how long to wait, and the state after it. */
export interface Retry {
  readonly wait: Duration.Duration
  readonly next: RetryState
}

/** A call that has not retried yet. */
export const initialState: RetryState = { retries: 0, serverWaits: Duration.zero }

/** Whether `failure` is a 429 that said when to come back: a retry that does not count against `maxRetries`. */
const isRateLimitWithRetryAfter = (failure: AttemptFailure) =>
  failure.error._tag === "RateLimited" && failure.retryAfter !== undefined

/**
 * Whether and after how long to retry after `failure`, given where the call
 * stands; `None` when it is not to be retried.
 */
export const delayBeforeRetry = (
  options: ResolvedOptions,
  failure: AttemptFailure,
  state: RetryState
): Effect.Effect<Option.Option<Retry>> => {
  if (options.maxRetries === 0 || !isRetryable(failure.error)) return Effect.succeedNone
  const counted = !isRateLimitWithRetryAfter(failure)
  if (counted && state.retries >= options.maxRetries) return Effect.succeedNone
  const retries = counted ? state.retries + 1 : state.retries
  if (failure.retryAfter !== undefined) {
    const serverWaits = Duration.sum(state.serverWaits, failure.retryAfter)
    return Effect.succeed(
      Duration.lessThanOrEqualTo(serverWaits, options.maxRetryAfter)
        ? Option.some({ wait: failure.retryAfter, next: { retries, serverWaits } })
        : Option.none()
    )
  }
  return Random.next.pipe(
    Effect.map((random) =>
      Option.some({
        wait: Duration.times(backoff(options, state.retries), 1 - options.jitter * random),
        next: { retries, serverWaits: state.serverWaits }
      })
    )
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
  const loop = (n: number, state: RetryState): Effect.Effect<A, MessagesApiError> =>
    attempt(n).pipe(
      Effect.catchAll((failure) =>
        Effect.flatMap(delayBeforeRetry(options, failure, state), (retry) =>
          Option.match(retry, {
            onNone: () => Effect.fail(failure.error),
            onSome: ({ next, wait }) =>
              Effect.logDebug(`retrying after ${failure.error._tag}`).pipe(
                Effect.annotateLogs({ attempt: n, wait: Duration.format(wait), error: failure.error.message }),
                Effect.zipRight(Effect.sleep(wait)),
                Effect.zipRight(loop(n + 1, next))
              )
          }))
      )
    )
  return loop(1, initialState)
}
