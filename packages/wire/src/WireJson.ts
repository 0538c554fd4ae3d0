/**
 * The JSON a value was decoded from, kept beside it. The HTTP client keeps
 * each message's wire JSON, so an export can write the message as the server
 * sent it, fields this client does not know included. It is held in a
 * non-enumerable symbol-keyed property: invisible to `JSON.stringify`, object
 * spread, `Object.keys` and equality, and gone when the value is.
 */

// a registered symbol under the client's name: one key for every copy of this module in a program
const wire: unique symbol = Symbol.for("@convore/client/WireJson")

/** Keeps `json` as the wire form of `value`, and returns `value`. */
export const remember = <A extends object>(value: A, json: unknown): A =>
  Object.defineProperty(value, wire, { value: json, enumerable: false, writable: false, configurable: false })

/** The wire JSON `value` was decoded from, if it was kept. */
export const of = (value: object): unknown => (value as { readonly [wire]?: unknown })[wire]

/**
 * `JSON.stringify` of JSON data (what `JSON.parse` makes), without recursion,
 * for values nested deeper than the call stack: `JSON.stringify` itself
 * recurses and throws a `RangeError` on them, while `JSON.parse` does not, so
 * a server can send such a value and an export must still write it whole.
 */
const stringifyDeep = (value: unknown): string => {
  const out: Array<string> = []
  // what is left to write, the next one last: a value, or punctuation written as it is
  const todo: Array<{ readonly value: unknown } | string> = [{ value }]
  while (todo.length > 0) {
    const next = todo.pop()!
    const item = typeof next === "string" ? undefined : next.value
    if (typeof next === "string") out.push(next)
    else if (item === null || typeof item !== "object") out.push(JSON.stringify(item) ?? "null")
    else {
      const array = Array.isArray(item)
      const entries = array
        ? item.map((element) => ["", element] as const)
        : Object.entries(item).filter(([, field]) => field !== undefined && typeof field !== "function")
      out.push(array ? "[" : "{")
      todo.push(array ? "]" : "}")
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, field] = entries[i]!
        todo.push({ value: field })
        if (!array) todo.push(`${JSON.stringify(key)}:`)
        if (i > 0) todo.push(",")
      }
    }
  }
  return out.join("")
}

/** `JSON.stringify(value)`, falling back to a stack-free writer for values too deeply nested for it. */
export const stringify = (value: unknown): string => {
  try {
    return JSON.stringify(value)
  } catch (error) {
    if (error instanceof RangeError) return stringifyDeep(value)
    throw error
  }
}
