/**
 * Between HTTP statuses and typed errors, shared by the client (status →
 * error) and the mock server (error → status), both read from each class's
 * `HttpStatus` annotation; plus the readers of what an error response says:
 * its detail text and its `Retry-After`.
 */
import { Duration, Predicate } from "effect"
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

/** The classes that stand for one status each (`RateLimited` is built apart: it reads `Retry-After`). */
const classesWithAStatus = [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, UnprocessableEntity]

/** An error that the server answered with a status. */
export type ResponseError =
  | InstanceType<typeof classesWithAStatus[number]>
  | RateLimited
  | ServerError
  | UnexpectedStatus

/** The fields a response error is built from. */
type ResponseErrorFields = ConstructorParameters<typeof UnexpectedStatus>[0]

const classByStatus = new Map(classesWithAStatus.map((errorClass) => [declaredStatus(errorClass)!, errorClass]))

const rateLimitedStatus = declaredStatus(RateLimited)!

const statusByTag: ReadonlyMap<string, number> = new Map(
  [...classesWithAStatus, RateLimited].map((errorClass) => [errorClass._tag, declaredStatus(errorClass)!])
)

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

/**
 * The status an error is answered with: the one its class declares, else the
 * one it carries (5xx and unexpected ones), else 500.
 */
export const statusOf = (error: ResponseError): number => statusByTag.get(error._tag) ?? error.status ?? 500

/** The reason phrase shown for a status (`Not Found`), or `HTTP 418` for one the table does not name. */
export const titleOf = (status: number): string =>
  titles[status] ?? (status >= 500 && status <= 599 ? "Server Error" : `HTTP ${status}`)

/** How much of an error body's text an error keeps. */
export const maxDetailLength = 500

const squeeze = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > maxDetailLength ? `${flat.slice(0, maxDetailLength - 1)}…` : flat
}

const stringField = (value: unknown, key: string): string | undefined => {
  const field = Predicate.hasProperty(value, key) ? value[key] : undefined
  return Predicate.isString(field) && field.trim() !== "" ? field : undefined
}

const detailFromJson = (json: unknown): string | undefined => {
  if (typeof json === "string") return json
  const error = Predicate.hasProperty(json, "error") ? json.error : undefined
  return stringField(json, "detail") ?? stringField(error, "message") ??
    (typeof error === "string" ? error : undefined) ??
    stringField(json, "message") ?? stringField(json, "title")
}

/** Elements whose content is not text a person reads. */
const hidden = new Set(["script", "style", "head"])

const entities: Record<string, string> = { "&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&amp;": "&" }

/**
 * The text of an HTML page and its `<title>`, in one pass: every search
 * starts where the last one ended, so the time is linear in the page's
 * length whatever it holds (a regular expression over unclosed tags is
 * quadratic: seconds for a 100 KB page).
 */
const htmlText = (html: string): { readonly text: string; readonly title: string } => {
  const lower = html.toLowerCase()
  const parts: Array<string> = []
  let title = ""
  let at = 0
  while (at < html.length) {
    const open = html.indexOf("<", at)
    if (open === -1) {
      parts.push(html.slice(at))
      break
    }
    parts.push(html.slice(at, open), " ")
    const close = html.indexOf(">", open)
    if (close === -1) break
    const name = /^[a-z]+/.exec(lower.slice(open + 1, Math.min(close, open + 8)))?.[0] ?? ""
    at = close + 1
    if (name === "title" && title === "") {
      const end = html.indexOf("<", at)
      title = html.slice(at, end === -1 ? html.length : end)
    } else if (hidden.has(name)) {
      const end = lower.indexOf(`</${name}`, at)
      if (end === -1) break
      const endClose = html.indexOf(">", end)
      if (endClose === -1) break
      at = endClose + 1
    }
  }
  return { text: parts.join("").replace(/&(nbsp|lt|gt|amp);/g, (entity) => entities[entity] ?? entity), title }
}

/**
 * A readable one-line detail from any error body: problem+json (`detail`, else
 * `title`), `{error: {message}}`, `{error: "…"}`, `{message}`, plain text, or
 * HTML reduced to its text; cut to {@link maxDetailLength} characters.
 * `undefined` when the body says nothing. Linear in the body's length.
 */
export const detailFromBody = (body: string): string | undefined => {
  const text = body.trim()
  if (text === "") return undefined
  if (text.startsWith("{") || text.startsWith("[") || text.startsWith("\"")) {
    try {
      const json: unknown = JSON.parse(text)
      const detail = detailFromJson(json)
      if (detail !== undefined) return squeeze(detail)
      if (typeof json === "object" && json !== null && Object.keys(json).length === 0) return undefined
    } catch {
      // not JSON after all: fall through to plain text
    }
  }
  if (text.startsWith("<")) {
    const page = htmlText(text)
    const readable = squeeze(page.text) || squeeze(page.title)
    return readable === "" ? undefined : readable
  }
  return squeeze(text)
}

/** Headers as @effect/platform keeps them: lower-case names. */
export type ResponseHeaders = Readonly<Record<string, string | undefined>>

/**
 * How long the server asked the client to wait: `retry-after-ms`, else
 * `retry-after` as seconds or as an HTTP date (relative to `now`, epoch ms).
 * `undefined` when neither header is there or readable.
 */
export const retryAfterFrom = (headers: ResponseHeaders, now: number): Duration.Duration | undefined => {
  const millis = headers["retry-after-ms"]
  if (millis !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(millis)) return Duration.millis(Number(millis))
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Duration.seconds(Number(value))
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - now))
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
  const detail = detailFromBody(response.body)
  const requestId = response.headers["x-request-id"]
  const message = `${status} ${titleOf(status)}${detail === undefined ? "" : `: ${detail}`}${
    requestId === undefined ? "" : ` (request ${requestId})`
  }`
  const fields: ResponseErrorFields = {
    message,
    status,
    ...(requestId === undefined ? {} : { requestId }),
    ...(detail === undefined ? {} : { detail }),
    ...(response.operation === undefined ? {} : { operation: response.operation })
  }
  if (status === rateLimitedStatus) {
    const retryAfter = retryAfterFrom(response.headers, response.now)
    return new RateLimited(retryAfter === undefined ? fields : { ...fields, retryAfter })
  }
  const errorClass = classByStatus.get(status) ?? (status >= 500 && status <= 599 ? ServerError : UnexpectedStatus)
  return new errorClass(fields)
}
