/**
 * This project over `NodeHttpClient.layerUndici`, the transport the README
 * recommends on Node; its export is the same as over fetch, so it is not run.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Client } from "./Client.js"
import { over } from "./Convore.js"

/** @convore/client over undici's own API: `streamMessages` and `getMessage`. */
export const client: Client = over("@convore/client over undici", NodeHttpClient.layerUndici, false)
