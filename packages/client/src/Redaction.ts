/**
 * Keeps the API key out of everything the client reports: whatever a
 * transport puts in its error text or a server echoes back in an error body
 * or a header (an `Authorization` header quoted in a 400 page, say) has the
 * key replaced before it reaches an error's `message` or `detail`, a log line
 * or a span attribute.
 */
import { Redacted } from "effect"

/** What stands in for the key. */
export const placeholder = "<redacted>"

/** Replaces every occurrence of a text's secret with {@link placeholder}. */
export type Scrub = (text: string) => string

/**
 * The scrubber of `key`: it replaces the key as it is, JSON-escaped, and
 * percent-encoded, in one linear pass per form.
 */
export const scrubber = (key: Redacted.Redacted): Scrub => {
  const value = Redacted.value(key)
  const forms = [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)])]
  return (text) => {
    let scrubbed = text
    for (const form of forms) if (scrubbed.includes(form)) scrubbed = scrubbed.split(form).join(placeholder)
    return scrubbed
  }
}
