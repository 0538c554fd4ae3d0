/**
 * The Effect 4 line of this project: `MessagesApi` (`streamMessages`,
 * `getMessage`, `Export`) of effect4/packages/client, fully validating every
 * message, over a given `HttpClient` layer of effect 4, with its retries,
 * timeouts, spans and checks as a user gets them. It lives in the Effect 4
 * workspace so that `effect`, `@effect/platform-node` and `@convore/client`
 * resolve to that line's packages when ../../packages/bench bundles it.
 */
import { Export, MessagesApi } from "@convore/client"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, type FileSystem, Layer, ManagedRuntime, Stream } from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"
import { apiKey, type Client, messageId } from "../../packages/bench/src/clients/Client.js"

/** The Effect 4 @convore/client over `transport`: `streamMessages`, `getMessage` and `Export`, fully validating. */
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
        Effect.flatMap(MessagesApi, (api) =>
          Effect.asVoid(Effect.repeat(api.getMessage(messageId), { times: count - 1 })))
      ),
    exportTo: async (baseUrl, path) => (await run(baseUrl, Export.toFile({ path }))).messages
  }
}

/** The Effect 4 @convore/client over effect 4's `FetchHttpClient`, the floor's transport. */
export const client: Client = over("@convore/client (Effect 4) over fetch", FetchHttpClient.layer)
