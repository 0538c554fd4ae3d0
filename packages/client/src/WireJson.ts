/**
 * The JSON a value was decoded from, remembered beside it. The HTTP client
 * remembers each message's wire JSON, so an export can write the message as
 * the server sent it, fields this client does not know included. Kept in a
 * `WeakMap`: nothing is added to the value, and the JSON goes when it goes.
 */
const wire = new WeakMap<object, unknown>()

/** Remembers `json` as the wire form of `value`, and returns `value`. */
export const remember = <A extends object>(value: A, json: unknown): A => {
  wire.set(value, json)
  return value
}

/** The wire JSON `value` was decoded from, if it was remembered. */
export const of = (value: object): unknown => wire.get(value)
