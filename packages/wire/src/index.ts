/**
 * @convore/wire: what both Effect lines of the Convore client share, in plain TypeScript with no dependencies:
 * the wire's own rules (timestamps, error bodies, statuses, Retry-After), the key scrubber and the generated
 * decoder. Users reach it through `@convore/core`, `@convore/client` and `@convore/testing`, which re-export it
 * under their own names.
 */
/** RFC 3339 timestamps to epoch milliseconds. */
export * as Rfc3339 from "./Rfc3339.js"
