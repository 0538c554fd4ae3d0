/**
 * The JSON a value was decoded from, kept beside it. The HTTP client keeps
 * each message's wire JSON, so an export can write the message as the server
 * sent it, fields this client does not know included. It is held in a
 * non-enumerable symbol-keyed property: invisible to `JSON.stringify`, object
 * spread, `Object.keys` and equality, and gone when the value is.
 *
 * Both Effect lines share this logic: it lives in `@convore/wire`.
 */
export { of, remember, stringify } from "@convore/wire/WireJson"
