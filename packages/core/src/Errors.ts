/**
 * The typed errors of the Messages API. Each is a `Schema.TaggedError`, so a
 * caller handles one with `Effect.catchTag("NotFound", …)`.
 */
import { Schema } from "effect"

/** What every error answered by the server carries, where known. */
const ResponseErrorFields = {
  message: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String),
  detail: Schema.optional(Schema.String)
}

/** 400: a malformed request or a bad parameter. */
export class BadRequest extends Schema.TaggedError<BadRequest>()("BadRequest", ResponseErrorFields) {}

/** 401: the API key is missing or wrong. */
export class Unauthorized extends Schema.TaggedError<Unauthorized>()("Unauthorized", ResponseErrorFields) {}

/** 403: the key may not do this. */
export class Forbidden extends Schema.TaggedError<Forbidden>()("Forbidden", ResponseErrorFields) {}

/** 404: no such message (or channel, or conversation). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", ResponseErrorFields) {}

/** 409: a conflict, such as an idempotency key reused with another body. */
export class Conflict extends Schema.TaggedError<Conflict>()("Conflict", ResponseErrorFields) {}

/** 422: well-formed, but semantically invalid. */
export class UnprocessableEntity
  extends Schema.TaggedError<UnprocessableEntity>()("UnprocessableEntity", ResponseErrorFields)
{}

/** 429: rate limited. `retryAfter` is how long the server asked the client to wait, when it said. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  ...ResponseErrorFields,
  retryAfter: Schema.optional(Schema.DurationFromSelf)
}) {}

/** 5xx: trouble on the server's side. */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", ResponseErrorFields) {}

/** Any other non-2xx status (408, 418, 3xx without a redirect to follow, …). */
export class UnexpectedStatus extends Schema.TaggedError<UnexpectedStatus>()("UnexpectedStatus", {
  ...ResponseErrorFields,
  status: Schema.Number
}) {}

/**
 * No usable answer arrived: the connection failed or was reset, an attempt
 * timed out, the overall deadline passed, or the answer was larger than the
 * client reads (`maxResponseBytes`).
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  message: Schema.String,
  reason: Schema.Literal("ConnectionFailed", "Timeout", "DeadlineExceeded", "ResponseTooLarge")
}) {}

/** A 2xx answer whose body does not match the contract; `path` points at the first problem. */
export class DecodeError extends Schema.TaggedError<DecodeError>()("DecodeError", {
  message: Schema.String,
  path: Schema.String,
  status: Schema.optional(Schema.Number),
  requestId: Schema.optional(Schema.String)
}) {}

/** The caller's input broke the contract; raised before anything is sent. `path` points at the problem. */
export class InvalidRequest extends Schema.TaggedError<InvalidRequest>()("InvalidRequest", {
  message: Schema.String,
  path: Schema.optional(Schema.String)
}) {}

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
}) {}
