/**
 * The JSON a value was decoded from, kept beside it. The HTTP client keeps
 * each message's wire JSON, so an export can write the message as the server
 * sent it, fields this client does not know included. It is held in a
 * non-enumerable symbol-keyed property: invisible to `JSON.stringify`, object
 * spread, `Object.keys` and equality, and gone when the value is.
 */
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
  const stack: Array<
    { readonly entries: ReadonlyArray<readonly [string, unknown]>; index: number; readonly array: boolean }
  > = []
  const open = (item: unknown) => {
    if (item === null || typeof item !== "object") out.push(JSON.stringify(item) ?? "null")
    else if (Array.isArray(item)) {
      out.push("[")
      stack.push({ entries: item.map((element) => ["", element] as const), index: 0, array: true })
    } else {
      out.push("{")
      const entries = Object.entries(item).filter(([, field]) => field !== undefined && typeof field !== "function")
      stack.push({ entries, index: 0, array: false })
    }
  }
  open(value)
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!
    if (frame.index === frame.entries.length) {
      out.push(frame.array ? "]" : "}")
      stack.pop()
      continue
    }
    const [key, item] = frame.entries[frame.index]!
    if (frame.index > 0) out.push(",")
    frame.index++
    if (!frame.array) out.push(JSON.stringify(key), ":")
    open(item)
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
