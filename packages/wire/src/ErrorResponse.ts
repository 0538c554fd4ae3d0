/**
 * What a non-2xx response says, read into the fields of the typed error it
 * becomes: the class is each Effect line's own, the text is the same on both.
 */
import { detailFromBody } from "./ErrorBody.js"
import { titleOf } from "./HttpStatus.js"

/** Response headers by lower-case name, as both Effect lines' HTTP clients keep them. */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>

/** The fields every error answered by the server is built from. */
export interface ErrorResponseFields {
  readonly message: string
  readonly status: number
  readonly requestId?: string
  readonly detail?: string
  readonly operation?: string
}

/**
 * The fields of the error for a non-2xx response: the body gives the detail,
 * `x-request-id` the request id, and the message reads
 * `404 Not Found: <detail> (request <id>)`, each part there when known.
 */
export const errorResponseFields = (response: {
  readonly status: number
  readonly headers: ResponseHeaders
  readonly body: string
  /** The operation that got the answer. */
  readonly operation?: string
}): ErrorResponseFields => {
  const { status } = response
  const detail = detailFromBody(response.body)
  const requestId = response.headers["x-request-id"]
  const message = `${status} ${titleOf(status)}${detail === undefined ? "" : `: ${detail}`}${
    requestId === undefined ? "" : ` (request ${requestId})`
  }`
  return {
    message,
    status,
    ...(requestId === undefined ? {} : { requestId }),
    ...(detail === undefined ? {} : { detail }),
    ...(response.operation === undefined ? {} : { operation: response.operation })
  }
}
