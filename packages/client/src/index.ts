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
