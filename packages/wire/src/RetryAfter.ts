/**
 * How long a server asked the client to wait before trying again, read from
 * the headers of its answer.
 */
import type { ResponseHeaders } from "./ErrorResponse.js"

/**
 * How long the server asked the client to wait, in milliseconds:
 * `retry-after-ms`, else `retry-after` as seconds or as an HTTP date (relative
 * to `now`, epoch ms; a date already past is 0). `undefined` when neither
 * header is there or readable.
 */
export const retryAfterMillis = (headers: ResponseHeaders, now: number): number | undefined => {
  const millis = headers["retry-after-ms"]
  if (millis !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(millis)) return Number(millis)
  const value = headers["retry-after"]?.trim()
  if (value === undefined || value === "") return undefined
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000
  const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}
