/**
 * This project over `NodeHttpClient.layerUndici`, the transport the README
 * recommends on Node. It runs no export: probes found the export's peak RSS
 * the same over both transports, and leaving it out keeps the bench within
 * its time.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Client } from "./Client.js"
import { over } from "./Convore.js"

/** @convore/client over undici's own API: `streamMessages` and `getMessage`. */
export const client: Client = over("@convore/client over undici", NodeHttpClient.layerUndici, false)
