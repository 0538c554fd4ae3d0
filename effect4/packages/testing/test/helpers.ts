import { MessagesApi, type MessagesApiOptions } from "@convore/client"
import { Effect, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { Fixtures, MockServer, type MockServerOptions } from "../src/index.js"

/** A key that must never be printed anywhere. */
export const apiKey = "sk_live_s3cr3t_do_not_print"

/**
 * The HTTP client over fetch, talking to a fresh mock server seeded with the
 * fixture conversations; backoff is cut to milliseconds so faults cost no time.
 */
export const clientAndServer = (
  server: Partial<MockServerOptions> = {},
  client: Partial<MessagesApiOptions> = {}
) =>
  Layer.unwrap(
    Effect.map(MockServer, (mock) =>
      MessagesApi.layer({
        baseUrl: mock.url,
        apiKey,
        initialDelay: "1 millis",
        maxDelay: "5 millis",
        ...client
      }))
  ).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(MockServer.layer({ apiKey, messages: Fixtures.conversations, ...server }))
  )
