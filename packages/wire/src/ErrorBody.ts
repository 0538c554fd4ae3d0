/**
 * What an error response's body says, read to one readable line whatever the
 * server or a proxy in front of it sent: problem+json, another JSON shape,
 * plain text or an HTML page.
 */

/** How much of an error body's text an error keeps. */
export const maxDetailLength = 500

const squeeze = (text: string): string => {
  const flat = text.replace(/\s+/g, " ").trim()
  return flat.length > maxDetailLength ? `${flat.slice(0, maxDetailLength - 1)}…` : flat
}

const field = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined

const stringField = (value: unknown, key: string): string | undefined => {
  const text = field(value, key)
  return typeof text === "string" && text.trim() !== "" ? text : undefined
}

const detailFromJson = (json: unknown): string | undefined => {
  if (typeof json === "string") return json
  const error = field(json, "error")
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
