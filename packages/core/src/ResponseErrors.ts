/**
 * Between HTTP statuses and typed errors, shared by the client (status →
 * error) and the mock server (error → status), both read from each class's
 * `HttpStatus` annotation; plus the readers of what an error response says:
 * its detail text and its `Retry-After`. The readers live in `@convore/wire`,
 * shared by both Effect lines, and are re-exported here under their names.
 */
import { detailFromBody, maxDetailLength } from "@convore/wire/ErrorBody"
import { errorResponseFields, type ResponseHeaders } from "@convore/wire/ErrorResponse"
import { isServerErrorStatus, titleOf } from "@convore/wire/HttpStatus"
import { retryAfterMillis } from "@convore/wire/RetryAfter"
import { Duration } from "effect"
import {
  BadRequest,
  Conflict,
  declaredStatus,
  Forbidden,
  NotFound,
  RateLimited,
  ServerError,
  Unauthorized,
  UnexpectedStatus,
  UnprocessableEntity
} from "./Errors.js"

/** Re-exported under their names of the first releases: the error-body reader and the status titles. */
export { detailFromBody, maxDetailLength, type ResponseHeaders, titleOf }

/** The classes that stand for one status each (`RateLimited` is built apart: it reads `Retry-After`). */
const classesWithAStatus = [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, UnprocessableEntity]

/** An error that the server answered with a status. */
export type ResponseError =
  | InstanceType<typeof classesWithAStatus[number]>
  | RateLimited
  | ServerError
  | UnexpectedStatus

const classByStatus = new Map(classesWithAStatus.map((errorClass) => [declaredStatus(errorClass)!, errorClass]))

const rateLimitedStatus = declaredStatus(RateLimited)!

const statusByTag: ReadonlyMap<string, number> = new Map(
  [...classesWithAStatus, RateLimited].map((errorClass) => [errorClass._tag, declaredStatus(errorClass)!])
)

/**
 * The status an error is answered with: the one its class declares, else the
 * one it carries (5xx and unexpected ones), else 500.
 */
export const statusOf = (error: ResponseError): number => statusByTag.get(error._tag) ?? error.status ?? 500

/**
 * How long the server asked the client to wait: `retry-after-ms`, else
 * `retry-after` as seconds or as an HTTP date (relative to `now`, epoch ms).
 * `undefined` when neither header is there or readable.
 */
export const retryAfterFrom = (headers: ResponseHeaders, now: number): Duration.Duration | undefined => {
  const millis = retryAfterMillis(headers, now)
  return millis === undefined ? undefined : Duration.millis(millis)
}

/**
 * The typed error for a non-2xx response: its status picks the class (5xx →
 * `ServerError`, an unlisted one → `UnexpectedStatus`); the body gives the
 * detail, `x-request-id` the request id, and a 429's headers its `retryAfter`.
 */
export const errorFromResponse = (response: {
  readonly status: number
  readonly headers: ResponseHeaders
  readonly body: string
  readonly now: number
  /** The operation that got the answer. */
  readonly operation?: string
}): ResponseError => {
  const { status } = response
  const fields = errorResponseFields(response)
  if (status === rateLimitedStatus) {
    const retryAfter = retryAfterFrom(response.headers, response.now)
    return new RateLimited(retryAfter === undefined ? fields : { ...fields, retryAfter })
  }
  const errorClass = classByStatus.get(status) ?? (isServerErrorStatus(status) ? ServerError : UnexpectedStatus)
  return new errorClass(fields)
}
