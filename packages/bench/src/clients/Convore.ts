/**
 * This project: `MessagesApi` (`streamMessages`, `getMessage`, `Export`),
 * fully validating every message, over a given `HttpClient` layer, with its
 * retries, timeouts, spans and checks as a user gets them.
 */
import { Export, MessagesApi } from "@convore/client"
import { FetchHttpClient, type FileSystem, type HttpClient } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { apiKey, type Client, messageId } from "./Client.js"

/** @convore/client over `transport`: `streamMessages`, `getMessage` and `Export`, fully validating every message. */
export const over = (name: string, transport: Layer.Layer<HttpClient.HttpClient>): Client => {
  const runtimeFor = (baseUrl: string) =>
    ManagedRuntime.make(
      Layer.merge(MessagesApi.layer({ baseUrl, apiKey }).pipe(Layer.provide(transport)), NodeFileSystem.layer)
    )
  const run = async <A>(baseUrl: string, effect: Effect.Effect<A, unknown, MessagesApi | FileSystem.FileSystem>) => {
    const runtime = runtimeFor(baseUrl)
    try {
      return await runtime.runPromise(effect)
    } finally {
      await runtime.dispose()
    }
  }
  return {
    name,
    stream: (baseUrl) => run(baseUrl, Effect.flatMap(MessagesApi, (api) => Stream.runCount(api.streamMessages()))),
    getMany: (baseUrl, count) =>
      run(
        baseUrl,
        Effect.flatMap(MessagesApi, (api) => Effect.asVoid(Effect.repeatN(api.getMessage(messageId), count - 1)))
      ),
    exportTo: async (baseUrl, path) => (await run(baseUrl, Export.toFile({ path }))).messages
  }
}

/** @convore/client over `FetchHttpClient`, the floor's transport. */
export const client: Client = over("@convore/client over fetch", FetchHttpClient.layer)
