/**
 * Keeps the API key out of everything the client reports: whatever a
 * transport puts in its error text or a server echoes back in an error body
 * or a header (an `Authorization` header quoted in a 400 page, say) has the
 * key replaced before it reaches an error's `message` or `detail`, a log line
 * or a span attribute.
 *
 * Text that is not the key is never changed. A short key (a dev key such as
 * `dev` or `k`) also occurs inside ids and words (`msg_…wjgpk8`, `device`),
 * so a key is replaced where it stands as a token: not glued on either side
 * to a character ids and words are made of (a letter, a digit, `_` or `-`),
 * as in `Bearer KEY`, `api_key=KEY&`, `"KEY"`, `Bearer%20KEY` or `…\nKEY`
 * (the neighbour of a percent or JSON escape is the character it spells). A
 * key of {@link unmistakable} characters or more cannot occur in unrelated
 * text by chance, so it is replaced wherever it occurs (`req_KEY` included).
 */
import { wellFormedProblem } from "./RequestRules.js"

/** What stands in for the key. */
export const placeholder = "<redacted>"

/** Replaces every occurrence of a text's secret with {@link placeholder}. */
export type Scrub = (text: string) => string

/** The length from which a key is replaced even glued to other text. */
export const unmistakable = 16

const wordStart = /^[\p{L}\p{N}\p{M}_-]/u
const wordEnd = /[\p{L}\p{N}\p{M}_-]$/u
const percentEnd = /%([\dA-Fa-f]{2})$/
const jsonEnd = /\\(?:u([\dA-Fa-f]{4})|[bfnrt])$/
const escapeStart = /^(?:%([\dA-Fa-f]{2})|\\u([\dA-Fa-f]{4}))/

/**
 * Whether what an escape spells in `hex` belongs to a word: the byte of `%HH`
 * (one past ASCII is a piece of a letter) or the code unit of `\uHHHH`.
 */
const spelledInWord = (hex: string) => {
  const code = Number.parseInt(hex, 16)
  return (hex.length === 2 && code >= 0x80) || wordStart.test(String.fromCharCode(code))
}

/**
 * Whether the backslash at `at` starts an escape rather than ending an escaped
 * backslash (`\\`). Linear over a whole scan: a run of backslashes is counted
 * for the one candidate that follows it.
 */
const startsEscape = (text: string, at: number): boolean => {
  let start = at
  while (start > 0 && text[start - 1] === "\\") start--
  return (at - start) % 2 === 0
}

/** Whether the character before `at` (read through an escape ending there) belongs to a word. */
const gluedBefore = (text: string, at: number): boolean => {
  const head = text.slice(Math.max(0, at - 6), at)
  const percent = percentEnd.exec(head)
  if (percent !== null) return spelledInWord(percent[1]!)
  const json = jsonEnd.exec(head)
  if (json !== null && startsEscape(text, at - json[0].length)) return json[1] !== undefined && spelledInWord(json[1])
  return wordEnd.test(head)
}

/** Whether the character at `end` (read through an escape starting there) belongs to a word. */
const gluedAfter = (text: string, end: number): boolean => {
  const head = text.slice(end, end + 6)
  const escape = escapeStart.exec(head)
  return escape === null ? wordStart.test(head) : spelledInWord(escape[1] ?? escape[2]!)
}

/** Where `form` occurs in `text`, overlapping occurrences included, in order. */
const occurrences = (text: string, form: string): Array<number> => {
  const found: Array<number> = []
  for (let at = text.indexOf(form); at !== -1; at = text.indexOf(form, at + 1)) found.push(at)
  return found
}

/**
 * Where `form` stands as a token once the text is scrubbed. A neighbour that
 * is itself replaced reads as the placeholder, which glues to nothing: `.k.k`
 * with the key `.k` loses both, as `k.k.` with `k.` does. The chain of such
 * neighbours runs one way, so the scan starts from the end it runs from:
 * `fromRight` for a key that starts with a word character and ends with a
 * character of no word.
 */
const tokens = (text: string, form: string, fromRight: boolean): Array<number> => {
  const found = occurrences(text, form)
  const chosen: Array<number> = []
  // the edge of the last occurrence chosen, on the side the scan comes from: its end, or its start from the right
  let edge = fromRight ? text.length : 0
  for (const at of fromRight ? found.reverse() : found) {
    const end = at + form.length
    const free = fromRight ? end <= edge : at >= edge
    if (free && (at === edge || !gluedBefore(text, at)) && (end === edge || !gluedAfter(text, end))) {
      chosen.push(at)
      edge = fromRight ? at : end
    }
  }
  return fromRight ? chosen.reverse() : chosen
}

/**
 * `text` with `form` replaced at `starts` (in order, not overlapping): the
 * pieces around them, joined by {@link placeholder}.
 */
const replaceAt = (text: string, form: string, starts: ReadonlyArray<number>): string =>
  [0, ...starts.map((at) => at + form.length)].map((from, i) => text.slice(from, starts[i])).join(placeholder)

/**
 * The scrubber of `key` (the secret itself, as a string): it replaces the key
 * as it is, JSON-escaped, and percent-encoded (by `encodeURIComponent` and as
 * a form or query value), where it stands as a token, or anywhere for a key
 * of {@link unmistakable} characters or more; in one linear pass per form,
 * without building a regular expression from the key.
 */
export const scrubber = (key: string): Scrub => {
  if (key === "") return (text) => text // refused by the options' checks; hides nothing
  const forms = [
    ...new Set([
      key,
      JSON.stringify(key).slice(1, -1),
      // a key with a lone surrogate has no percent-encoded form (`encodeURIComponent` throws on it)
      ...(wellFormedProblem(key) === undefined
        ? [encodeURIComponent(key), new URLSearchParams([["", key]]).toString().slice(1)]
        : [])
    ])
  ]
  const anywhere = key.length >= unmistakable
  const fromRight = wordStart.test(key) && !wordEnd.test(key)
  return (text) =>
    forms.reduce(
      (scrubbed, form) =>
        !scrubbed.includes(form)
          ? scrubbed
          : anywhere
          ? scrubbed.split(form).join(placeholder)
          : replaceAt(scrubbed, form, tokens(scrubbed, form, fromRight)),
      text
    )
}
