/**
 * The typed errors of the Messages API. Each is a `Schema.TaggedError`, so a
 * caller handles one with `Effect.catchTag("NotFound", …)`; each carries the
 * type id `TypeId` (`isMessagesApiError`, and a per-class `is` guard), the
 * `operation` that failed when known, whether trying again may help
 * (`retryable`), and, for an error the server answers with a status, that
 * status declared once on the class as its `HttpStatus` annotation.
 */
import { Option, Predicate, Schema, SchemaAST } from "effect"

/** The type id every Messages API error carries. */
export const TypeId: unique symbol = Symbol.for("@convore/core/MessagesApiError")

/** The type of {@link TypeId}. */
export type TypeId = typeof TypeId

/**
 * The schema annotation declaring the HTTP status an error class stands for
 * (`NotFound` → 404). The status ↔ class tables of `ResponseErrors` are read
 * from it, so each status is written once.
 */
export const HttpStatus: unique symbol = Symbol.for("@convore/core/HttpStatus")

/** The statuses worth another attempt: a timeout, a rate limit, a server that may recover. */
const retriedStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** Whether an answer with `status` may be tried again. */
export const isRetryableStatus = (status: number | undefined): boolean =>
  status !== undefined && retriedStatuses.has(status)

/** What every error answered by the server carries, where known. */
const ResponseErrorFields = {
  message: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String),
  /** The operation that failed (`getMessage`). */
  operation: Schema.optional(Schema.String)
}

/** The guard of one class: a Messages API error with that tag. */
const guard = <E extends { readonly _tag: string }>(tag: E["_tag"]) => (u: unknown): u is E =>
  isMessagesApiError(u) && u._tag === tag

/** 400: a malformed request or a bad parameter. */
export class BadRequest
  extends Schema.TaggedError<BadRequest>()("BadRequest", ResponseErrorFields, { [HttpStatus]: 400 })
{
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `BadRequest`. */
  static readonly is = guard<BadRequest>("BadRequest")
  /** Never: the same request gets the same answer. */
  get retryable(): boolean {
    return false
  }
}

/** 401: the API key is missing or wrong. */
export class Unauthorized
  extends Schema.TaggedError<Unauthorized>()("Unauthorized", ResponseErrorFields, { [HttpStatus]: 401 })
{
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is an `Unauthorized`. */
  static readonly is = guard<Unauthorized>("Unauthorized")
  /** Never: the key does not get better. */
  get retryable(): boolean {
    return false
  }
}

/** 403: the key may not do this. */
export class Forbidden
  extends Schema.TaggedError<Forbidden>()("Forbidden", ResponseErrorFields, { [HttpStatus]: 403 })
{
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `Forbidden`. */
  static readonly is = guard<Forbidden>("Forbidden")
  /** Never. */
  get retryable(): boolean {
    return false
  }
}

/** 404: no such message (or channel, or conversation). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", ResponseErrorFields, { [HttpStatus]: 404 }) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `NotFound`. */
  static readonly is = guard<NotFound>("NotFound")
  /** Never. */
  get retryable(): boolean {
    return false
  }
}

/** 409: a conflict, such as an idempotency key reused with another body. */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", ResponseErrorFields, { [HttpStatus]: 409 }) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `Conflict`. */
  static readonly is = guard<Conflict>("Conflict")
  /** Never: the conflict is in what was sent. */
  get retryable(): boolean {
    return false
  }
}

/** 422: well-formed, but semantically invalid. */
export class UnprocessableEntity extends Schema.TaggedError<UnprocessableEntity>()(
  "UnprocessableEntity",
  ResponseErrorFields,
  { [HttpStatus]: 422 }
) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is an `UnprocessableEntity`. */
  static readonly is = guard<UnprocessableEntity>("UnprocessableEntity")
  /** Never. */
  get retryable(): boolean {
    return false
  }
}

/** 429: rate limited. `retryAfter` is how long the server asked the client to wait, when it said. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  ...ResponseErrorFields,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}, { [HttpStatus]: 429 }) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `RateLimited`. */
  static readonly is = guard<RateLimited>("RateLimited")
  /** Always: the server will take the request later. */
  get retryable(): boolean {
    return true
  }
}

/** 5xx: trouble on the server's side; `status` says which. */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", ResponseErrorFields) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `ServerError`. */
  static readonly is = guard<ServerError>("ServerError")
  /** For 500, 502, 503 and 504: a server that may recover; not for 501 and the like. */
  get retryable(): boolean {
    return isRetryableStatus(this.status)
  }
}

/** Any other non-2xx status (408, 418, 3xx without a redirect to follow, …). */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>()("UnexpectedStatus", {
  ...ResponseErrorFields,
  status: Schema.Number
}) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is an `UnexpectedStatus`. */
  static readonly is = guard<UnexpectedStatus>("UnexpectedStatus")
  /** For 408 (request timeout) only. */
  get retryable(): boolean {
    return isRetryableStatus(this.status)
  }
}

/**
 * No usable answer arrived: the connection failed or was reset, an attempt
 * timed out, the overall deadline passed, or the answer was larger than the
 * client reads (`maxResponseBytes`). `cause` is the transport's own error,
 * when there is one.
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  message: Schema.String,
  reason: Schema.Literal("ConnectionFailed", "Timeout", "DeadlineExceeded", "ResponseTooLarge"),
  operation: Schema.optional(Schema.String),
  cause: Schema.optional(Schema.Defect)
}) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `TransportError`. */
  static readonly is = guard<TransportError>("TransportError")
  /** For a failed connection or a timed-out attempt; not past the deadline, nor for an answer too large. */
  get retryable(): boolean {
    return this.reason === "ConnectionFailed" || this.reason === "Timeout"
  }
}

/** A 2xx answer whose body does not match the contract; `path` points at the first problem. */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  message: Schema.String,
  path: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
  operation: Schema.optional(Schema.String)
}) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is a `DecodeError`. */
  static readonly is = guard<DecodeError>("DecodeError")
  /** Never: the server would answer the same. */
  get retryable(): boolean {
    return false
  }
}

/** The caller's input broke the contract; raised before anything is sent. `path` points at the problem. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  message: Schema.String,
  path: Schema.optional(Schema.String),
  operation: Schema.optional(Schema.String)
}) {
  readonly [TypeId]: TypeId = TypeId
  /** Whether `u` is an `InvalidRequest`. */
  static readonly is = guard<InvalidRequest>("InvalidRequest")
  /** Never: the input has to change. */
  get retryable(): boolean {
    return false
  }
}

/** Every error a `MessagesApi` operation can fail with. */
export const MessagesApiError = Schema.Union(
  BadRequest,
  Unauthorized,
  Forbidden,
  NotFound,
  Conflict,
  UnprocessableEntity,
  RateLimited,
  ServerError,
  UnexpectedStatus,
  TransportError,
  DecodeError,
  InvalidRequest
)
export type MessagesApiError = typeof MessagesApiError.Type

/** Whether `u` is any Messages API error. */
export const isMessagesApiError = (u: unknown): u is MessagesApiError => Predicate.hasProperty(u, TypeId)

/** The status a class declares with its `HttpStatus` annotation, if it declares one. */
export const declaredStatus = (errorClass: Schema.Schema.Any): number | undefined =>
  Option.getOrUndefined(SchemaAST.getAnnotation<number>(HttpStatus)(SchemaAST.typeAST(errorClass.ast)))

/**
 * `error` with the `operation` that failed, when it does not name one yet
 * (errors made by an implementation that does not know its caller).
 */
export const withOperation = <E extends MessagesApiError>(error: E, operation: string): E => {
  if (error.operation !== undefined) return error
  const make = error.constructor as new(fields: object) => E
  // `message` and `cause` are the Error's own properties, not enumerable ones: named here
  const cause = "cause" in error && error.cause !== undefined ? { cause: error.cause } : {}
  return new make({ ...error, ...cause, message: error.message, operation })
}

/**
 * A page stream stopped before its end. `cursor` is where to resume: the
 * cursor of the first page not fully delivered (absent when that is the very
 * first page of a listing started without one); every page before it was
 * delivered whole. `cause` is the error of the page request that failed.
 */
export class PaginationError extends Schema.TaggedError<PaginationError>()("PaginationError", {
  message: Schema.String,
  reason: Schema.Literal("PageFailed", "CursorRepeated"),
  cursor: Schema.optional(Schema.String),
  pagesDelivered: Schema.Number,
  cause: Schema.optional(MessagesApiError)
}) {
  /** Whether `u` is a `PaginationError`. */
  static readonly is = (u: unknown): u is PaginationError => Predicate.isTagged(u, "PaginationError")
}
