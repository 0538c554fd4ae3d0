/**
 * @convore/testing: an in-memory `MessagesApi` layer and a mock Convore
 * server over the same store, for tests that must not touch the network.
 */
/** Ready-made conversations and `Arbitrary` generators. */
export * as Fixtures from "./Fixtures.js"
/** `MessagesApi` over an in-memory store. */
export * as InMemoryMessagesApi from "./InMemoryMessagesApi.js"
export { MessageStore, type MessageStoreOptions, type MessageStoreService } from "./MessageStore.js"
export {
  type Faults,
  MockServer,
  type MockServerOptions,
  type MockServerService,
  type ServedRequest
} from "./MockServer.js"
/** A small seeded pseudo-random generator, for reproducible data and faults. */
export * as Prng from "./Prng.js"
/** A tracer and logger that keep what they are given, for assertions on spans and logs. */
export * as Recording from "./Recording.js"
