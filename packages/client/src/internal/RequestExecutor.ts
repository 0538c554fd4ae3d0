/**
 * Sends one operation's request and turns the answer into a value or a typed
 * error: the one place where requests are built, attempts are timed, retried
 * and traced, and responses are decoded or mapped to errors.
 */
import {
  DecodeError,
  describeIssue,
  errorFromResponse,
  firstIssue,
  type MessagesApiError,
  retryAfterFrom,
  TransportError
} from "@convore/core"
import { HttpBody, HttpClient, type HttpClientError, HttpClientRequest, HttpTraceContext } from "@effect/platform"
import { Clock, Duration, Effect, Either, type ParseResult, Record, Ref, Schedule, type Tracer } from "effect"
import type { ResolvedOptions } from "../ClientOptions.js"
import { type AttemptFailure, retrying } from "../RetryPolicy.js"
import type { Scrub } from "./Redaction.js"
import * as ResponseBody from "./ResponseBody.js"

/** One call of one operation, with everything about it already checked. */
export interface Endpoint<A> {
  /** The operation's name (`getMessage`), used in spans and messages. */
  readonly operation: string
  readonly method: "GET" | "POST" | "PATCH"
  /** The path template (`/v1/messages/{message_id}`), for spans. */
  readonly route: string
  /** The path with its ids already percent-encoded. */
  readonly path: string
  readonly urlParams?: ReadonlyArray<readonly [string, string]>
  /** The JSON body, already encoded by its schema. */
  readonly body?: unknown
  readonly idempotencyKey?: string
  /** The decoder of a 2xx answer's JSON. */
  readonly decode: (input: unknown) => Either.Either<A, ParseResult.ParseError>
}

/** What one attempt read off the wire. */
interface Answer {
  readonly status: number
  readonly headers: Readonly<Record<string, string | undefined>>
  /** The body, or its first bytes when it is not `complete`. */
  readonly body: string
  readonly complete: boolean
}

const failure = (error: MessagesApiError, retryAfter?: Duration.Duration): AttemptFailure => ({ error, retryAfter })

const isSuccess = (status: number) => status >= 200 && status < 300

/** A `TransportError` of `endpoint`, its message naming the call and saying `what` went wrong. */
const transportError = (
  endpoint: Endpoint<unknown>,
  reason: TransportError["reason"],
  what: string,
  cause?: unknown
) =>
  new TransportError({
    reason,
    message: `${endpoint.operation} (${endpoint.method} ${endpoint.route}): ${what}`,
    operation: endpoint.operation,
    ...(cause === undefined ? {} : { cause })
  })

const transportFailure = (
  endpoint: Endpoint<unknown>,
  error: HttpClientError.HttpClientError,
  scrub: Scrub
): AttemptFailure => {
  const what = error._tag === "ResponseError" ? "the connection broke while reading the answer" : "the request failed"
  const text = error.cause instanceof Error ? error.cause.message : String(error.cause ?? error.reason)
  const scrubbed = scrub(text)
  // The cause is the transport's own error (fetch's `TypeError`, undici's socket error), not the platform's
  // wrapper: that holds the request, and `JSON.stringify` and `util.inspect` print its Authorization header
  // in clear (a test of the key never leaking caught it). A transport text quoting the request, headers
  // included, is kept as a scrubbed copy.
  const cause = error.cause === undefined || scrubbed === text ? error.cause : new Error(scrubbed)
  return failure(transportError(endpoint, "ConnectionFailed", `${what}: ${scrubbed}`, cause))
}

/** The headers an error is built from, with the key scrubbed from their values. */
const scrubHeaders = (headers: Answer["headers"], scrub: Scrub): Answer["headers"] =>
  Record.map(headers, (value) => value === undefined ? value : scrub(value))

const decodeAnswer = <A>(
  endpoint: Endpoint<A>,
  answer: Answer,
  options: ResolvedOptions,
  scrub: Scrub
): Either.Either<A, AttemptFailure> => {
  if (!answer.complete) {
    const what =
      `the ${answer.status} answer is larger than maxResponseBytes (${options.maxResponseBytes} bytes) and was dropped`
    return Either.left(failure(transportError(endpoint, "ResponseTooLarge", what)))
  }
  const header = answer.headers["x-request-id"]
  const requestId = header === undefined ? undefined : scrub(header)
  const decodeError = (issue: { readonly path: string; readonly message: string }) =>
    failure(
      new DecodeError({
        message: `${endpoint.operation}: the ${answer.status} answer does not match the contract: ${
          scrub(describeIssue(issue))
        }${requestId === undefined ? "" : ` (request ${requestId})`}`,
        path: issue.path,
        status: answer.status,
        operation: endpoint.operation,
        ...(requestId === undefined ? {} : { requestId })
      })
    )
  return Either.try((): unknown => JSON.parse(answer.body)).pipe(
    Either.mapLeft(() => {
      // scrubbed before it is cut, so that no part of the key is left at the cut
      const head = scrub(answer.body.slice(0, 4096))
      const preview = head.length > 80 ? `${head.slice(0, 80)}…` : head
      const message = answer.body === "" ? "the body is empty" : `the body is not JSON: ${JSON.stringify(preview)}`
      return decodeError({ path: "", message })
    }),
    Either.flatMap((json) => Either.mapLeft(endpoint.decode(json), (error) => decodeError(firstIssue(error))))
  )
}

/**
 * `Effect.withSpan`, but the span ends with the outcome, not the value: a
 * tracer (or a span that outlived a young-generation collection) keeps its
 * ended span's exit, and an exit holding a decoded page keeps the whole page
 * alive until the next full collection.
 */
const withSpanOfOutcome = (name: string, options: Tracer.SpanOptions) => <A, E>(self: Effect.Effect<A, E>) =>
  Effect.suspend(() => {
    // the cell is made before the request and so may be old by the time it holds the value: empty it at once
    let value: A | undefined
    return self.pipe(
      Effect.map((a) => {
        value = a
      }),
      Effect.withSpan(name, options),
      Effect.map(() => {
        const a = value as A
        value = undefined
        return a
      })
    )
  })

/**
 * `Effect.timeoutFail` within `duration`; an infinite duration is no limit,
 * and then no sleep is started at all. The effect is interrupted when time is
 * up, which aborts its request and closes its socket.
 */
const within = <E2>(duration: Duration.Duration, onTimeout: () => E2) => <A, E>(self: Effect.Effect<A, E>) =>
  Duration.isFinite(duration) ? Effect.timeoutFail(self, { duration, onTimeout }) : self

/**
 * The instant (epoch ms) until which the server asked this client to wait,
 * shared by all its calls: a 429 with a `Retry-After` it honours moves it on,
 * and every attempt waits for it before it is sent.
 */
export type RateLimitPause = Ref.Ref<number>

/**
 * Makes the function that runs an endpoint through `client`: each attempt
 * within `timeout` (headers and body), after the shared rate-limit pause
 * when one is given, retried by the retry policy, all of it within `deadline`
 * when one is set, in a span named after the operation.
 */
export const make = (client: HttpClient.HttpClient, pause: RateLimitPause | undefined, scrub: Scrub) => {
  // each request's lifetime is a scope: closing it aborts the request and frees its socket
  const scoped = HttpClient.withScope(client)
  return <A>(endpoint: Endpoint<A>, options: ResolvedOptions): Effect.Effect<A, MessagesApiError> => {
    // an absent part (`undefined`) is left out of the request
    const request = HttpClientRequest.make(endpoint.method)(endpoint.path, {
      urlParams: endpoint.urlParams,
      headers: { "idempotency-key": endpoint.idempotencyKey },
      body: endpoint.body === undefined ? undefined : HttpBody.unsafeJson(endpoint.body)
    })

    // this operation's span is the client span: propagate it as W3C trace context
    const withTraceContext = Effect.match(Effect.currentSpan, {
      onFailure: () => request,
      onSuccess: (span) => HttpClientRequest.setHeaders(request, HttpTraceContext.toHeaders(span))
    })
    const errorBodyBytes = Math.min(options.maxResponseBytes, ResponseBody.errorBodyBytes)
    const send = Effect.flatMap(withTraceContext, scoped.execute).pipe(
      Effect.flatMap((response) => {
        const { headers, status } = response
        return isSuccess(status)
          ? Effect.map(
            ResponseBody.read(response, options.maxResponseBytes),
            ({ complete, text }): Answer => ({ status, headers, body: text, complete })
          )
          // an error's body and headers become its detail and request id: no key may be in them
          : Effect.map(
            ResponseBody.readPrefix(response, errorBodyBytes),
            ({ complete, text }): Answer => ({
              status,
              headers: scrubHeaders(headers, scrub),
              body: scrub(text),
              complete
            })
          )
      }),
      // the request lives as long as the attempt: however the attempt ends (its body read, cut at the
      // bound, or interrupted at any point, even between its headers and its body), it is aborted then
      Effect.scoped,
      Effect.mapError((error) => transportFailure(endpoint, error, scrub)),
      within(
        options.timeout,
        () => failure(transportError(endpoint, "Timeout", `no answer within ${Duration.format(options.timeout)}`))
      )
    )

    // the clock is read only once a pause has been set (the pause starts at 0: no 429 yet)
    const waitForPause = pause === undefined ? Effect.void : Effect.flatMap(
      Ref.get(pause),
      (until) =>
        until === 0 ?
          Effect.void :
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            until <= now ? Effect.void : Effect.zipRight(
              Effect.annotateCurrentSpan("convore.rate_limit_wait_ms", until - now),
              Effect.sleep(Duration.millis(until - now))
            ))
    )

    /** The answer's attributes on the operation's span. */
    const annotate = (answer: Answer, n: number) =>
      Effect.annotateCurrentSpan({
        "http.response.status_code": answer.status,
        "convore.attempts": n,
        ...(answer.headers["x-request-id"] === undefined
          ? {}
          : { "convore.request_id": scrub(answer.headers["x-request-id"]) })
      })

    /** A non-2xx answer as the attempt's failure; a 429 the client honours moves the shared pause on. */
    const failed = (answer: Answer): Effect.Effect<never, AttemptFailure> =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const retryAfter = retryAfterFrom(answer.headers, now)
        if (
          pause !== undefined && answer.status === 429 && retryAfter !== undefined &&
          Duration.lessThanOrEqualTo(retryAfter, options.maxRetryAfter)
        ) {
          yield* Ref.update(pause, (until) => Math.max(until, now + Duration.toMillis(retryAfter)))
        }
        return yield* Effect.fail(
          failure(errorFromResponse({ ...answer, now, operation: endpoint.operation }), retryAfter)
        )
      })

    // on the path every call takes, combinators rather than a generator, and no clock read without a pause
    const attempt: Effect.Effect<A, AttemptFailure> = Effect.flatMap(
      Schedule.CurrentIterationMetadata,
      ({ recurrence }) =>
        Effect.zipRight(waitForPause, send).pipe(
          Effect.tap((answer) => annotate(answer, recurrence + 1)),
          Effect.flatMap((answer) =>
            isSuccess(answer.status) ? decodeAnswer(endpoint, answer, options, scrub) : failed(answer)
          ),
          Effect.tapError(() => Effect.annotateCurrentSpan("convore.attempts", recurrence + 1))
        )
    )

    const { deadline } = options
    const withDeadline = (effect: Effect.Effect<A, MessagesApiError>) =>
      deadline === undefined ? effect : within(
        deadline,
        () =>
          transportError(endpoint, "DeadlineExceeded", `no answer within the deadline of ${Duration.format(deadline)}`)
      )(effect)

    return withDeadline(retrying(options, attempt)).pipe(
      withSpanOfOutcome(`MessagesApi.${endpoint.operation}`, {
        kind: "client",
        // the call site would be this module, whatever the caller: not worth capturing
        captureStackTrace: false,
        attributes: { "http.request.method": endpoint.method, "url.template": endpoint.route }
      })
    )
  }
}
