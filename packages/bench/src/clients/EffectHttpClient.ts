/**
 * The Effect `HttpClient` over fetch and `JSON.parse`, validating nothing,
 * its per-request span off as this client has it: what a hand-written Effect
 * client costs before validation, retries, timeouts and tracing, and so how
 * much of this client's time is the platform's.
 */
import { FetchHttpClient, HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect } from "effect"
import { type Client, headers, listUrl, messageId, type WirePage } from "./Client.js"

/** Runs `use` with the platform's fetch client, its per-request span off. */
const withClient = <A>(use: (client: HttpClient.HttpClient) => Effect.Effect<A, unknown>) =>
  Effect.runPromise(
    Effect.flatMap(HttpClient.HttpClient, (client) => use(HttpClient.withTracerDisabledWhen(client, () => true))).pipe(
      Effect.provide(FetchHttpClient.layer)
    )
  )

const getJson = (client: HttpClient.HttpClient, url: string) =>
  Effect.flatMap(client.execute(HttpClientRequest.get(url, { headers })), (response) => response.json)

/** `HttpClient` + `JSON.parse`, no validation: the platform's own cost. */
export const client: Client = {
  name: "Effect HttpClient, no checks",
  stream: (baseUrl) =>
    withClient((client) =>
      Effect.gen(function*() {
        let count = 0
        let cursor: string | null | undefined
        do {
          const page = (yield* getJson(client, listUrl(baseUrl, cursor))) as WirePage
          count += page.data.length
          cursor = page.next_cursor
        } while (cursor)
        return count
      })
    ),
  getMany: (baseUrl, count) =>
    withClient((client) =>
      Effect.asVoid(Effect.repeatN(getJson(client, `${baseUrl}/v1/messages/${messageId}`), count - 1))
    )
}
