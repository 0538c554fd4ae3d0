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
import { Clock, Duration, Effect, Record, Ref, Result, Schedule, type Schema, type Tracer } from "effect"
import { HttpClient, type HttpClientError, HttpClientRequest, HttpTraceContext } from "effect/http"
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
  readonly decode: (input: unknown) => Result.Result<A, Schema.SchemaError>
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

const transportFailure = (
  endpoint: Endpoint<unknown>,
  error: HttpClientError.HttpClientError,
  scrub: Scrub
): AttemptFailure => {
  const { reason } = error
  const what = "response" in reason ? "the connection broke while reading the answer" : "the request failed"
  const text = reason.cause instanceof Error
    ? reason.cause.message
    : reason.cause === undefined
    ? reason.message
    : String(reason.cause)
  const scrubbed = scrub(text)
  return failure(
    new TransportError({
      reason: "ConnectionFailed",
      message: `${endpoint.operation} (${endpoint.method} ${endpoint.route}): ${what}: ${scrubbed}`,
      operation: endpoint.operation,
      // The transport's own error (fetch's `TypeError`, undici's socket error), not Effect's
      // `HttpClientError`: that holds the request, headers and all, and a printer that walks it
      // prints the Authorization header in clear. A transport text quoting the request, headers
      // included, is kept as a scrubbed copy.
      ...(reason.cause === undefined ? {} : { cause: scrubbed === text ? reason.cause : new Error(scrubbed) })
    })
  )
}

/** The headers an error is built from, with the key scrubbed from their values. */
const scrubHeaders = (headers: Answer["headers"], scrub: Scrub): Answer["headers"] =>
  Record.map(headers, (value) => value === undefined ? value : scrub(value))

const decodeAnswer = <A>(
  endpoint: Endpoint<A>,
  answer: Answer,
  options: ResolvedOptions,
  scrub: Scrub
): Result.Result<A, AttemptFailure> => {
  if (!answer.complete) {
    return Result.fail(failure(
      new TransportError({
        reason: "ResponseTooLarge",
        message:
          `${endpoint.operation} (${endpoint.method} ${endpoint.route}): the ${answer.status} answer is larger ` +
          `than maxResponseBytes (${options.maxResponseBytes} bytes) and was dropped`,
        operation: endpoint.operation
      })
    ))
  }
  const header = answer.headers["x-request-id"]
  const requestId = header === undefined ? undefined : scrub(header)
  const decodeError = (path: string, problem: string) =>
    failure(
      new DecodeError({
        message: `${endpoint.operation}: the ${answer.status} answer does not match the contract: ${scrub(problem)}${
          requestId === undefined ? "" : ` (request ${requestId})`
        }`,
        path,
        status: answer.status,
        operation: endpoint.operation,
        ...(requestId === undefined ? {} : { requestId })
      })
    )
  let json: unknown
  try {
    json = JSON.parse(answer.body)
  } catch {
    // scrubbed before it is cut, so that no part of the key is left at the cut
    const head = scrub(answer.body.slice(0, 4096))
    const preview = head.length > 80 ? `${head.slice(0, 80)}…` : head
    return Result.fail(
      decodeError("", answer.body === "" ? "the body is empty" : `the body is not JSON: ${JSON.stringify(preview)}`)
    )
  }
  return Result.mapError(endpoint.decode(json), (error) => {
    const issue = firstIssue(error)
    return decodeError(issue.path, describeIssue(issue))
  })
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
 * `Effect.timeoutOrElse` within `duration`, failing with `onTimeout()`; an
 * infinite duration is no limit, and then no sleep is started at all. The
 * effect is interrupted when time is up, which aborts its request and closes
 * its socket.
 */
const within = <E2>(duration: Duration.Duration, onTimeout: () => E2) => <A, E>(self: Effect.Effect<A, E>) =>
  Duration.isFinite(duration)
    ? Effect.timeoutOrElse(self, { duration, orElse: () => Effect.fail(onTimeout()) })
    : self

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
    let request = HttpClientRequest.make(endpoint.method)(endpoint.path)
    if (endpoint.urlParams !== undefined && endpoint.urlParams.length > 0) {
      request = HttpClientRequest.setUrlParams(request, endpoint.urlParams)
    }
    if (endpoint.body !== undefined) request = HttpClientRequest.bodyJsonUnsafe(request, endpoint.body)
    if (endpoint.idempotencyKey !== undefined) {
      request = HttpClientRequest.setHeader(request, "idempotency-key", endpoint.idempotencyKey)
    }

    // this operation's span is the client span: propagate it as W3C trace context
    const withTraceContext = Effect.match(Effect.currentSpan, {
      onFailure: () => request,
      onSuccess: (span) => HttpClientRequest.setHeaders(request, HttpTraceContext.toHeaders(span))
    })
    const errorBodyBytes = Math.min(options.maxResponseBytes, ResponseBody.errorBodyBytes)
    const send = Effect.flatMap(withTraceContext, scoped.execute).pipe(
      Effect.flatMap((response) =>
        Effect.map(
          response.status >= 200 && response.status < 300
            ? ResponseBody.read(response, options.maxResponseBytes)
            : ResponseBody.readPrefix(response, errorBodyBytes),
          (body): Answer =>
            response.status >= 200 && response.status < 300
              ? { status: response.status, headers: response.headers, body: body.text, complete: body.complete }
              // an error's body and headers become its detail and request id: no key may be in them
              : {
                status: response.status,
                headers: scrubHeaders(response.headers, scrub),
                body: scrub(body.text),
                complete: body.complete
              }
        )
      ),
      // the request lives as long as the attempt: however the attempt ends (its body read, cut at the
      // bound, or interrupted at any point, even between its headers and its body), it is aborted then
      Effect.scoped,
      Effect.mapError((error) => transportFailure(endpoint, error, scrub)),
      within(options.timeout, () =>
        failure(
          new TransportError({
            reason: "Timeout",
            message: `${endpoint.operation} (${endpoint.method} ${endpoint.route}): no answer within ${
              Duration.format(options.timeout)
            }`,
            operation: endpoint.operation
          })
        ))
    )

    // the clock is read only once a pause has been set (the pause starts at 0: no 429 yet)
    const waitForPause = pause === undefined ? Effect.void : Effect.flatMap(
      Ref.get(pause),
      (until) =>
        until === 0 ?
          Effect.void :
          Effect.flatMap(Clock.currentTimeMillis, (now) =>
            until <= now ? Effect.void : Effect.andThen(
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
          Duration.isLessThanOrEqualTo(retryAfter, options.maxRetryAfter)
        ) {
          yield* Ref.update(pause, (until) => Math.max(until, now + Duration.toMillis(retryAfter)))
        }
        return yield* Effect.fail(
          failure(
            errorFromResponse({
              status: answer.status,
              headers: answer.headers,
              body: answer.body,
              now,
              operation: endpoint.operation
            }),
            retryAfter
          )
        )
      })

    // on the path every call takes, combinators rather than a generator, and no clock read without a pause
    const attempt: Effect.Effect<A, AttemptFailure> = Effect.flatMap(
      Schedule.CurrentMetadata,
      ({ attempt }) =>
        Effect.andThen(waitForPause, send).pipe(
          Effect.tap((answer) => annotate(answer, attempt + 1)),
          Effect.flatMap((answer) =>
            answer.status >= 200 && answer.status < 300
              ? Effect.fromResult(decodeAnswer(endpoint, answer, options, scrub))
              : failed(answer)
          )
        )
    ).pipe(
      Effect.tapError(() =>
        Effect.flatMap(
          Schedule.CurrentMetadata,
          ({ attempt }) => Effect.annotateCurrentSpan("convore.attempts", attempt + 1)
        )
      )
    )

    const { deadline } = options
    const withDeadline = (effect: Effect.Effect<A, MessagesApiError>) =>
      deadline === undefined ? effect : within(deadline, () =>
        new TransportError({
          reason: "DeadlineExceeded",
          message: `${endpoint.operation} (${endpoint.method} ${endpoint.route}): no answer within the deadline of ${
            Duration.format(deadline)
          }`,
          operation: endpoint.operation
        }))(effect)

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
