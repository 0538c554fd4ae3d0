/**
 * When a failed attempt is tried again, and after how long: a `Schedule`,
 * run by `Effect.retry`. The one place every operation's retries are decided,
 * and exported (`RetryPolicy.schedule`) for a program to retry its own
 * effects the way the client does.
 *
 * Retried: what the error calls `retryable` (connection failures and attempt
 * timeouts, 408, 429, 500, 502, 503 and 504); nothing else. The wait is the
 * server's `Retry-After` when it sent one, otherwise exponential backoff from
 * `initialDelay`, doubling with each retry up to `maxDelay`, less a random
 * share of up to `jitter`.
 *
 * Waits the server asked for are bounded by time, not by count: a call waits
 * at most `maxRetryAfter` for them in all (a `Retry-After` asking for more
 * than is left fails at once), and a 429 that says when to come back does not
 * count against `maxRetries`, since it is no failure of the request (under a
 * rate-limit storm, a count would drop sends the server would take a second
 * later). Every other retry counts, and `maxRetries: 0` turns retries off
 * altogether. `deadline` bounds all of it.
 */
import { type MessagesApiError, RateLimited } from "@convore/core"
import { type ConfigError, Duration, Effect, Either, Schedule } from "effect"
import { type ResolvedRetryOptions, resolveRetry, type RetryOptions } from "./ClientOptions.js"

/** A failed attempt: the error it ends in, and the wait the server asked for, if it did. */
export interface AttemptFailure {
  readonly error: MessagesApiError
  readonly retryAfter: Duration.Duration | undefined
}

/** Whether an attempt that failed with `error` may be tried again at all: the error says. */
export const isRetryable = (error: MessagesApiError): boolean => error.retryable

/** Where a call stands in its retries. */
export interface RetryState {
  /** Attempts failed so far. */
  readonly failures: number
  /** Retries made that count against `maxRetries`. */
  readonly retries: number
  /** Time waited so far for the server's `Retry-After`. */
  readonly serverWaits: Duration.Duration
}

/** A call that has not failed yet. */
const initialState: RetryState = { failures: 0, retries: 0, serverWaits: Duration.zero }

/**
 * Whether retrying after `failure` counts against `maxRetries`: all but a 429
 * that said when to come back. One asking for no wait at all (`Retry-After: 0`,
 * a date past) counts: bounded by neither the count nor the time waited, it
 * would be retried forever.
 */
const counts = (failure: AttemptFailure): boolean =>
  !(failure.error._tag === "RateLimited" && failure.retryAfter !== undefined && !Duration.isZero(failure.retryAfter))

/** The state after one more failure. */
const advance = (state: RetryState, failure: AttemptFailure): RetryState => ({
  failures: state.failures + 1,
  retries: counts(failure) ? state.retries + 1 : state.retries,
  serverWaits: Duration.sum(state.serverWaits, failure.retryAfter ?? Duration.zero)
})

/** Whether the call may retry once it stands at `state` after `failure`. */
const mayRetry = (options: ResolvedRetryOptions, failure: AttemptFailure, state: RetryState): boolean =>
  options.maxRetries > 0 && isRetryable(failure.error) && state.retries <= options.maxRetries &&
  Duration.lessThanOrEqualTo(state.serverWaits, options.maxRetryAfter)

/** The backoff: exponential from `initialDelay`, at most `maxDelay` (the shorter delay of the union), jittered. */
const backoff = (options: ResolvedRetryOptions): Schedule.Schedule<unknown> => {
  const capped = Schedule.union(Schedule.exponential(options.initialDelay), Schedule.spaced(options.maxDelay))
  // with no jitter, no multiplication: `jitteredWith` would turn 500 ms into 499.99… and back
  return options.jitter === 0 ? capped : Schedule.jitteredWith(capped, { min: 1 - options.jitter, max: 1 })
}

/** One retry decided: the number of the attempt that failed (from 1), and how it failed. */
export interface Retry {
  readonly attempt: number
  readonly failure: AttemptFailure
}

/**
 * The policy over failed attempts: it continues while the failure may be
 * retried and the call is within its bounds, waiting the server's
 * `Retry-After` or the backoff.
 */
export const forAttempts = (options: ResolvedRetryOptions): Schedule.Schedule<Retry, AttemptFailure> =>
  Schedule.identity<AttemptFailure>().pipe(
    // `reduce` answers the state as it stood before this failure; `check` looks one failure on
    Schedule.reduce(initialState, advance),
    Schedule.check((failure, before) => mayRetry(options, failure, advance(before, failure))),
    Schedule.intersect(Schedule.identity<AttemptFailure>()),
    Schedule.intersect(backoff(options)),
    Schedule.modifyDelay(([[, failure]], delay) => failure.retryAfter ?? delay),
    Schedule.map(([[before, failure]]): Retry => ({ attempt: before.failures + 1, failure }))
  )

/**
 * The client's retry policy over `MessagesApiError`s, for a program's own
 * effects: `Effect.retry(effect, yield* RetryPolicy.schedule({ maxRetries: 5 }))`.
 * A `RateLimited` error's `retryAfter` is honoured as the client honours the
 * header. Fails with `InvalidData` naming an option that makes no sense.
 */
export const schedule = (
  options: RetryOptions = {}
): Either.Either<Schedule.Schedule<Retry, MessagesApiError>, ConfigError.ConfigError> =>
  Either.map(
    resolveRetry(options),
    (resolved) =>
      Schedule.mapInput(forAttempts(resolved), (error: MessagesApiError): AttemptFailure => ({
        error,
        retryAfter: RateLimited.is(error) ? error.retryAfter : undefined
      }))
  )

/**
 * Runs `attempt` until it succeeds, fails with an error not to be retried, or
 * runs out of retries (the attempt's number is `Schedule.CurrentIterationMetadata`'s
 * `recurrence` + 1); logs each retry at debug level with the attempt, the
 * wait and the error. Fails with the last attempt's error.
 */
export const retrying = <A>(
  options: ResolvedRetryOptions,
  attempt: Effect.Effect<A, AttemptFailure>
): Effect.Effect<A, MessagesApiError> =>
  attempt.pipe(
    // `Effect.retry` is entered only once an attempt has failed, so a call that succeeds at once
    // pays nothing for the schedule's driver (its refs, and the iteration metadata provided to
    // every attempt). The failure is handed to it first, as its own first attempt, so the
    // schedule sees every failure and the attempts are numbered on from 2.
    Effect.catchAll((first) => {
      let replayed = false
      const again = Effect.suspend(() => replayed ? attempt : (replayed = true, Effect.fail(first)))
      return Effect.retry(
        again,
        // the wait is only known once the delay is decided: logged where it is
        Schedule.modifyDelayEffect(forAttempts(options), ({ attempt, failure }, wait) =>
          Effect.logDebug(`retrying after ${failure.error._tag}`).pipe(
            Effect.annotateLogs({ attempt, wait: Duration.format(wait), error: failure.error.message }),
            Effect.as(wait)
          ))
      )
    }),
    Effect.mapError((failure) =>
      failure.error
    )
  )
