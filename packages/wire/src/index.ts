/**
 * @convore/wire: what both Effect lines of the Convore client share, in plain TypeScript with no dependencies:
 * the wire's own rules (timestamps, error bodies, statuses, Retry-After), the key scrubber, wire JSON, the test
 * generators and the decoder generated for `Message` and `PageMessage`. Users reach it through `@convore/core`, `@convore/client` and `@convore/testing`, which re-export it
 * under their own names.
 */
/** How much of an answer's body is read: declared lengths and the text of a byte-bounded prefix. */
export * as BodyBytes from "./BodyBytes.js"
/** Error bodies (problem+json, other JSON, text, HTML) read to one readable line. */
export * as ErrorBody from "./ErrorBody.js"
/** A non-2xx response read into the fields of its typed error. */
export * as ErrorResponse from "./ErrorResponse.js"
/** HTTP statuses: reason phrases, server errors, the ones worth another attempt. */
export * as HttpStatus from "./HttpStatus.js"
/** A problem's path and message written on one line. */
export * as IssueText from "./IssueText.js"
/** The decoder generated from the `Message` and `PageMessage` schemas: plain code both lines' `FastDecoder` run. */
export * as MessageDecoder from "./MessageDecoder.js"
/** Messages in listing order with keyset positions, for the in-memory store. */
export * as MessageIndex from "./MessageIndex.js"
/** A small seeded pseudo-random generator, for reproducible data and faults. */
export * as Prng from "./Prng.js"
/** The API-key scrubber: the key replaced wherever it stands as a token in a text. */
export * as Redaction from "./Redaction.js"
/** The rules for the text a request carries in its URL and headers. */
export * as RequestRules from "./RequestRules.js"
/** `Retry-After` and `Retry-After-Ms` read to milliseconds. */
export * as RetryAfter from "./RetryAfter.js"
/** RFC 3339 timestamps to epoch milliseconds. */
export * as Rfc3339 from "./Rfc3339.js"
/** Convore-like ids: a prefix and a lowercase ULID, monotonic within a millisecond. */
export * as Ulid from "./Ulid.js"
/** The JSON a value was decoded from, kept beside it, and a stringify for any depth. */
export * as WireJson from "./WireJson.js"
