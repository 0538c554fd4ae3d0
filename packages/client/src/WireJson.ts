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
