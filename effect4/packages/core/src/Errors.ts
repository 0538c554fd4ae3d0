/**
 * The typed errors of the Messages API. Each is a `Schema.TaggedError`, so a
 * caller handles one with `Effect.catchTag("NotFound", …)`; each carries the
 * type id `TypeId` (`isMessagesApiError`, and a per-class `is` guard), the
 * `operation` that failed when known, whether trying again may help
 * (`retryable`), and, for an error the server answers with a status, that
 * status declared once on the class as its `HttpStatus` annotation.
 */
import { isRetryableStatus } from "@convore/wire/HttpStatus"
import type { Cause } from "effect"
import { Predicate, Schema, SchemaAST } from "effect"

/** The type id every Messages API error carries. */
export const TypeId: unique symbol = Symbol.for("@convore/core/MessagesApiError")

/** The type of {@link TypeId}. */
export type TypeId = typeof TypeId

/**
 * The schema annotation declaring the HTTP status an error class stands for
 * (`NotFound` → 404). The status ↔ class tables of `ResponseErrors` are read
 * from it, so each status is written once. Effect 4 keys annotations by
 * string (as its own `httpApiStatus`), so this is the key's name.
 */
export const HttpStatus = "@convore/core/HttpStatus"

declare module "effect/Schema" {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- the augmented namespace is Effect's own
  namespace Annotations {
    interface Augment {
      /** The HTTP status an error class stands for: see `HttpStatus` in `@convore/core/Errors`. */
      readonly "@convore/core/HttpStatus"?: number | undefined
    }
  }
}

/**
 * Whether an answer with `status` may be tried again: a timeout, a rate limit,
 * a server that may recover. Shared by both Effect lines from `@convore/wire`.
 */
export { isRetryableStatus }

/** A Messages API error class: a `Schema.TaggedError` class with the type id, `retryable` and an `is` guard. */
interface MessagesApiErrorClass<Self, Tag extends string, Fields extends Schema.Struct.Fields> extends
  Schema.Class<
    Self,
    Schema.TaggedStruct<Tag, Fields>,
    Cause.YieldableError & { readonly [TypeId]: TypeId; get retryable(): boolean }
  >
{
  readonly _tag: Tag
  /** Whether `u` is an error of this class: by type id and tag, so a look-alike object is not taken for one. */
  readonly is: (u: unknown) => u is Self
}

/**
 * The base every Messages API error class extends, as `Schema.TaggedError` is
 * called: the class's fields with `message` and the `operation` that failed,
 * the type id, the `is` guard, and `retryable`, by default whether the status
 * the class declares as its `HttpStatus` annotation is worth another attempt.
 */
const MessagesApiErrorClass = <Self>() =>
<Tag extends string, Fields extends Schema.Struct.Fields>(
  tag: Tag,
  fields: Fields,
  annotations?: { readonly [HttpStatus]: number }
) => {
  const allFields = { message: Schema.String, ...fields, operation: Schema.optional(Schema.String) }
  const status = annotations?.[HttpStatus]
  // TypeScript cannot extend a class whose instance type is mapped over generic fields: the class is typed by
  // `MessagesApiErrorClass` once its fields are known
  const TaggedError = Schema.TaggedError<Self>()(tag, allFields, annotations) as unknown as new(props: object) => object
  class Base extends TaggedError {
    readonly [TypeId] = TypeId
    static readonly _tag = tag
    static readonly is = (u: unknown) => isMessagesApiError(u) && u._tag === tag
    get retryable(): boolean {
      return isRetryableStatus(status)
    }
  }
  return Base as unknown as MessagesApiErrorClass<Self, Tag, typeof allFields>
}

/** What every error answered by the server carries, where known. */
const ResponseErrorFields = {
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}

/** A class standing for one status the server answers with, declared as its `HttpStatus` annotation. */
const StatusErrorClass = <Self>() => <Tag extends string>(tag: Tag, status: number) =>
  MessagesApiErrorClass<Self>()(tag, ResponseErrorFields, { [HttpStatus]: status })

/** 400: a malformed request or a bad parameter. Not retryable: the same request gets the same answer. */
export class BadRequest extends StatusErrorClass<BadRequest>()("BadRequest", 400) {}

/** 401: the API key is missing or wrong. Not retryable: the key does not get better. */
export class Unauthorized extends StatusErrorClass<Unauthorized>()("Unauthorized", 401) {}

/** 403: the key may not do this. Not retryable. */
export class Forbidden extends StatusErrorClass<Forbidden>()("Forbidden", 403) {}

/** 404: no such message (or channel, or conversation). Not retryable. */
export class NotFound extends StatusErrorClass<NotFound>()("NotFound", 404) {}

/** 409: a conflict, such as an idempotency key reused with another body. Not retryable: the conflict is in what was sent. */
export class Conflict extends StatusErrorClass<Conflict>()("Conflict", 409) {}

/** 422: well-formed, but semantically invalid. Not retryable. */
export class UnprocessableEntity extends StatusErrorClass<UnprocessableEntity>()("UnprocessableEntity", 422) {}

/**
 * 429: rate limited. `retryAfter` is how long the server asked the client to
 * wait, when it said. Always retryable: the server will take the request later.
 */
export class RateLimited extends MessagesApiErrorClass<RateLimited>()("RateLimited", {
  ...ResponseErrorFields,
  retryAfter: Schema.optional(Schema.Duration)
}, { [HttpStatus]: 429 }) {}

/** 5xx: trouble on the server's side; `status` says which. */
export class ServerError extends MessagesApiErrorClass<ServerError>()("ServerError", ResponseErrorFields) {
  /** For 500, 502, 503 and 504: a server that may recover; not for 501 and the like. */
  override get retryable(): boolean {
    return isRetryableStatus(this.status)
  }
}

/** Any other non-2xx status (408, 418, 3xx without a redirect to follow, …). */
export class UnexpectedStatus extends MessagesApiErrorClass<UnexpectedStatus>()("UnexpectedStatus", {
  ...ResponseErrorFields,
  status: Schema.Number
}) {
  /** For 408 (request timeout) only. */
  override get retryable(): boolean {
    return isRetryableStatus(this.status)
  }
}

/**
 * No usable answer arrived: the connection failed or was reset, an attempt
 * timed out, the overall deadline passed, or the answer was larger than the
 * client reads (`maxResponseBytes`). `cause` is the transport's own error,
 * when there is one.
 */
export class TransportError extends MessagesApiErrorClass<TransportError>()("TransportError", {
  reason: Schema.Literals(["ConnectionFailed", "Timeout", "DeadlineExceeded", "ResponseTooLarge"]),
  cause: Schema.optional(Schema.Defect())
}) {
  /** For a failed connection or a timed-out attempt; not past the deadline, nor for an answer too large. */
  override get retryable(): boolean {
    return this.reason === "ConnectionFailed" || this.reason === "Timeout"
  }
}

/**
 * A 2xx answer whose body does not match the contract; `path` points at the
 * first problem. Not retryable: the server would answer the same.
 */
export class DecodeError extends MessagesApiErrorClass<DecodeError>()("DecodeError", {
  path: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String)
}) {}

/**
 * The caller's input broke the contract; raised before anything is sent.
 * `path` points at the problem. Not retryable: the input has to change.
 */
export class InvalidRequest extends MessagesApiErrorClass<InvalidRequest>()("InvalidRequest", {
  path: Schema.optional(Schema.String)
}) {}

/** Every error a `MessagesApi` operation can fail with. */
export const MessagesApiError = Schema.Union([
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
])
export type MessagesApiError = typeof MessagesApiError.Type

/** Whether `u` is any Messages API error. */
export const isMessagesApiError = (u: unknown): u is MessagesApiError => Predicate.hasProperty(u, TypeId)

/** The status a class declares with its `HttpStatus` annotation, if it declares one. */
export const declaredStatus = (errorClass: Schema.Top): number | undefined =>
  SchemaAST.resolveAt<number>(HttpStatus)(errorClass.ast)

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
  reason: Schema.Literals(["PageFailed", "CursorRepeated"]),
  cursor: Schema.optional(Schema.String),
  pagesDelivered: Schema.Number,
  cause: Schema.optional(MessagesApiError)
}) {
  /** Whether `u` is a `PaginationError`. */
  static readonly is = (u: unknown): u is PaginationError => Predicate.isTagged(u, "PaginationError")
}
