/**
 * @convore/core: the Convore Messages API's wire models, request schemas and typed errors.
 */
export * from "./Errors.js"
export * from "./Models.js"
export * from "./ParseIssues.js"
export * from "./Requests.js"
export * from "./ResponseErrors.js"
export * from "./WireDateTime.js"
/** A generated fast path for decoding valid input, answering exactly as the Schema decoder does. */
export * as FastDecoder from "./FastDecoder.js"
