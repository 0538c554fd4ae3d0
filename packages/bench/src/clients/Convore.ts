/**
 * This project: `MessagesApi` (`streamMessages`, `getMessage`, `Export`),
 * fully validating every message, over `FetchHttpClient` (the floor's transport).
 */
import { Export, MessagesApi } from "@convore/client"
import { FetchHttpClient } from "@effect/platform"
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { apiKey, type Client, messageId } from "./Client.js"

/** A runtime holding `MessagesApi` over `FetchHttpClient` (the floor's transport) for `baseUrl`. */
const runtimeFor = (baseUrl: string) =>
  ManagedRuntime.make(
    Layer.merge(
      MessagesApi.layer({ baseUrl, apiKey }).pipe(Layer.provide(FetchHttpClient.layer)),
      NodeFileSystem.layer
    )
  )

/** @convore/client: `streamMessages`, `getMessage` and `Export`, fully validating every message. */
export const client: Client = {
  name: "@convore/client",
  stream: async (baseUrl) => {
    const runtime = runtimeFor(baseUrl)
    try {
      return await runtime.runPromise(
        Effect.flatMap(MessagesApi, (api) => Stream.runCount(api.streamMessages()))
      )
    } finally {
      await runtime.dispose()
    }
  },
  getMany: async (baseUrl, count) => {
    const runtime = runtimeFor(baseUrl)
    try {
      await runtime.runPromise(
        Effect.flatMap(MessagesApi, (api) => Effect.repeatN(api.getMessage(messageId), count - 1))
      )
    } finally {
      await runtime.dispose()
    }
  },
  exportTo: async (baseUrl, path) => {
    const runtime = runtimeFor(baseUrl)
    try {
      return (await runtime.runPromise(Export.toFile({ path }))).messages
    } finally {
      await runtime.dispose()
    }
  }
}
