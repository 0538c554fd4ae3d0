/**
 * The contract's rules for the text a request carries in its URL and
 * headers, as plain checks: each says what is wrong with a value, or
 * `undefined` when it may be sent. Each Effect line words them as its own
 * Schema filters.
 */

/**
 * A lone surrogate: half of a UTF-16 pair without the other half. No URL or
 * header can carry one; `encodeURIComponent` throws on it and
 * `URLSearchParams` silently turns it into U+FFFD, another string.
 */
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** What keeps `text` out of a URL: a lone UTF-16 surrogate; `undefined` for well-formed text. */
export const wellFormedProblem = (text: string): string | undefined =>
  loneSurrogate.test(text)
    ? "a lone UTF-16 surrogate cannot be sent in a URL (the string is not well-formed)"
    : undefined

/**
 * What keeps `id` out of a URL path (`/v1/messages/{message_id}`), or
 * `undefined`: it must be non-empty and survive the trip. `.` and `..` would
 * be resolved away by a URL parser, `/`, `?`, `#` and `%` would change what the
 * path says, control characters have no place in it, more than 255 characters
 * is no id, and a lone surrogate cannot be encoded at all.
 */
export const pathIdProblem = (id: string): string | undefined => {
  if (id === "") return "an id must be a non-empty string"
  if (id === "." || id === "..") return `an id cannot be ${JSON.stringify(id)}`
  if (id.length > 255) return `an id has at most 255 characters, got ${id.length}`
  // eslint-disable-next-line no-control-regex -- control characters are exactly what it looks for
  const bad = /[/?#%]|[\u0000-\u001f\u007f]/.exec(id)
  return bad === null ? wellFormedProblem(id) : `an id cannot contain ${JSON.stringify(bad[0])}`
}

/** An `Idempotency-Key` header value: 1 to 255 printable ASCII characters. */
export const idempotencyKeyPattern = /^[\x20-\x7e]{1,255}$/

/** What a key that does not match {@link idempotencyKeyPattern} is told. */
export const idempotencyKeyRule = "an idempotency key is 1 to 255 printable ASCII characters"
