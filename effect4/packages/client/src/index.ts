/**
 * @convore/client: the Convore Messages API as an Effect service.
 */
export type { CreateOptions, MessagesApiOptions, RequestOptions, RetryOptions } from "./ClientOptions.js"
export { defaultBaseUrl } from "./ClientOptions.js"
export * from "./MessagesApi.js"
/** Streams over listings, written once on top of `listMessages`. */
export * as Pagination from "./Pagination.js"
/** When a failed attempt is retried, and after how long. */
export * as RetryPolicy from "./RetryPolicy.js"
/** Streaming, resumable, lossless export of messages to NDJSON. */
export * as Export from "./Export.js"
/** The wire JSON a decoded value came from, for lossless pass-through. */
export * as WireJson from "./WireJson.js"
/** Each operation's input checked against the contract, for every implementation of the service. */
export * as OperationInputs from "./OperationInputs.js"
