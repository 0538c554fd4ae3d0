/**
 * The Effect 4 line of this project over `@effect/platform-node` 4's undici
 * transport, with the export: the v3 → v4 target is judged over it.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import { Effect, Layer } from "effect"
import { Agent } from "undici"
import type { Client } from "../../packages/bench/src/clients/Client.js"
import { over } from "./Convore.js"

/**
 * `NodeHttpClient.layerUndici` as platform-node 4 makes it (`layerUndiciNoDispatcher` over a new undici `Agent`,
 * destroyed with the layer), with the `Agent` imported here: platform-node 4 imports undici lazily, through a module
 * that re-exports CommonJS undici with `export *`, and an ES module bundle split into chunks (this one) loses those
 * names (evanw/esbuild#3245). The same as v3's `layerUndici`, which imports undici statically.
 */
const layerUndici = NodeHttpClient.layerUndiciNoDispatcher.pipe(
  Layer.provide(
    Layer.effect(NodeHttpClient.Dispatcher)(
      Effect.acquireRelease(Effect.sync(() => new Agent()), (agent) => Effect.promise(() => agent.destroy()))
    )
  )
)

/** The Effect 4 @convore/client over undici: `streamMessages`, `getMessage` and `Export`. */
export const client: Client = over("@convore/client (Effect 4) over undici", layerUndici)
