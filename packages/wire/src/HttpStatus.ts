/**
 * What an HTTP status means to the client: the reason phrase an error shows,
 * whether the status is the server's fault, and whether it is worth another
 * attempt.
 */

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout"
}

/** Whether `status` is a 5xx: trouble on the server's side. */
export const isServerErrorStatus = (status: number): boolean => status >= 500 && status <= 599

/** The reason phrase shown for a status (`Not Found`), or `HTTP 418` for one the table does not name. */
export const titleOf = (status: number): string =>
  titles[status] ?? (isServerErrorStatus(status) ? "Server Error" : `HTTP ${status}`)

/** The statuses worth another attempt: a timeout, a rate limit, a server that may recover. */
const retriedStatuses: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504])

/** Whether an answer with `status` may be tried again. */
export const isRetryableStatus = (status: number | undefined): boolean =>
  status !== undefined && retriedStatuses.has(status)
