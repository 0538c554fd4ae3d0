/**
 * The Effect peer: what an Effect user writes without this project. The
 * platform `HttpClient` with base URL, bearer token and accept header,
 * `filterStatusOk`, and `HttpClientResponse.schemaBodyJson` of the same
 * `Message` and `PageMessage` schemas; no retries, no timeouts, no spans (the
 * platform's per-request span is off, as this client has it, so the peer
 * pays for none).
 */
import { Message, PageMessage } from "@convore/core"
import { FetchHttpClient, HttpClient, HttpClientRequest, HttpClientResponse } from "@effect/platform"
import type { Layer } from "effect"
import { Chunk, Effect, Option, Stream } from "effect"
import { apiKey, type Client, messageId } from "./Client.js"

/** The Effect peer over `transport`: the listing paged by `next_cursor`, and `getMessage`, both decoded. */
export const over = (name: string, transport: Layer.Layer<HttpClient.HttpClient>): Client => {
  const run = <A>(baseUrl: string, use: (client: HttpClient.HttpClient) => Effect.Effect<A, unknown>) =>
    Effect.runPromise(
      Effect.flatMap(HttpClient.HttpClient, (client) =>
        use(client.pipe(
          HttpClient.withTracerDisabledWhen(() => true),
          HttpClient.mapRequest((request) =>
            request.pipe(
              HttpClientRequest.prependUrl(baseUrl),
              HttpClientRequest.bearerToken(apiKey),
              HttpClientRequest.acceptJson
            )
          ),
          HttpClient.filterStatusOk
        ))).pipe(Effect.provide(transport))
    )
  return {
    name,
    stream: (baseUrl) =>
      run(
        baseUrl,
        (client) =>
          Stream.paginateChunkEffect(undefined as string | undefined, (cursor) =>
            client.get("/v1/messages", { urlParams: { cursor } }).pipe(
              Effect.flatMap(HttpClientResponse.schemaBodyJson(PageMessage)),
              Effect.map((page) =>
                [Chunk.unsafeFromArray(page.data), Option.fromNullable(page.next_cursor)] as const
              )
            )).pipe(Stream.runCount)
      ),
    getMany: (baseUrl, count) =>
      run(baseUrl, (client) =>
        client.get(`/v1/messages/${messageId}`).pipe(
          Effect.flatMap(HttpClientResponse.schemaBodyJson(Message)),
          Effect.repeatN(count - 1),
          Effect.asVoid
        ))
  }
}

/** The Effect peer over `FetchHttpClient`, beside this client over fetch. */
export const client: Client = over("Effect peer over fetch", FetchHttpClient.layer)
