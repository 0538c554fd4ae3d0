/**
 * This project over the platform's `NodeHttpClient.layerUndici`, the other
 * undici transport, to show what `UndiciHttpClient` saves. It runs no export,
 * to keep the bench within its time.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Client } from "./Client.js"
import { over } from "./Convore.js"

/** @convore/client over `NodeHttpClient.layerUndici`: `streamMessages` and `getMessage`. */
export const client: Client = over("… over layerUndici", NodeHttpClient.layerUndici, false)
