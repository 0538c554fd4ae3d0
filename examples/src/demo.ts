/**
 * `pnpm demo`: the quickstart, then an export of every message to NDJSON,
 * against the embedded mock server on a free port, or against the API at
 * CONVORE_BASE_URL (with CONVORE_API_KEY) when that is set. Prints a summary
 * and exits 0; on failure prints the typed error on one line and exits 1.
 */
import { MessagesApi } from "@convore/client"
import { Fixtures, MockServer } from "@convore/testing"
import type { HttpClient, HttpServerError } from "@effect/platform"
import { NodeContext, NodeHttpClient, NodeRuntime } from "@effect/platform-node"
import { Config, type ConfigError, Console, Effect, Layer, Option } from "effect"
import { mkdtempSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { exportConversation } from "./export-conversation.js"
import { quickstart } from "./quickstart.js"

const demoKey = "sk_demo_local"

/** The API the demo talks to: CONVORE_BASE_URL's, or an embedded mock server's. */
const Api = Layer.unwrapEffect(Effect.gen(function*(): Effect.fn.Return<
  Layer.Layer<MessagesApi, ConfigError.ConfigError | HttpServerError.ServeError, HttpClient.HttpClient>,
  ConfigError.ConfigError
> {
  const baseUrl = yield* Config.option(Config.string("CONVORE_BASE_URL"))
  if (Option.isSome(baseUrl)) {
    yield* Console.log(`using the API at ${baseUrl.value}`)
    return MessagesApi.layerConfig()
  }
  return Layer.unwrapEffect(Effect.gen(function*() {
    const server = yield* MockServer
    yield* Console.log(`started the embedded mock server at ${server.url}`)
    return MessagesApi.layer({ baseUrl: server.url, apiKey: demoKey })
  })).pipe(Layer.provide(MockServer.layer({ apiKey: demoKey, messages: Fixtures.conversations })))
})).pipe(Layer.provide(NodeHttpClient.layerUndici))

const demo = Effect.gen(function*() {
  yield* Console.log("\n1. quickstart")
  const { conversationId, messages } = yield* quickstart
  yield* Console.log("\n2. export every message to NDJSON, 25 per page")
  const path = join(mkdtempSync(join(tmpdir(), "convore-demo-")), "messages.ndjson")
  const exported = yield* exportConversation({ path, limit: 25 })
  yield* Console.log(`
summary
  quickstart conversation  ${conversationId} (${messages} messages)
  exported                 ${exported?.messages ?? 0} messages in ${exported?.pages ?? 0} pages
  output file              ${path}
  resume checkpoint        ${path}.checkpoint.json`)
})

/** One readable line for whatever stopped the demo. */
const oneLine = (error: unknown): string =>
  typeof error === "object" && error !== null && "_tag" in error && "message" in error
    ? `${String(error._tag)}: ${String(error.message)}`
    : String(error).replace(/\s+/g, " ")

demo.pipe(
  Effect.provide(Layer.merge(Api, NodeContext.layer)),
  Effect.tapError((error) => Console.error(`demo failed: ${oneLine(error)}`)),
  NodeRuntime.runMain({ disableErrorReporting: true })
)
