/**
 * This project over the platform's `NodeHttpClient.layerUndici`, with the
 * export: the targets are judged over it.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Client } from "./Client.js"
import { over } from "./Convore.js"

/** @convore/client over `NodeHttpClient.layerUndici`: `streamMessages`, `getMessage` and `Export`. */
export const client: Client = over("@convore/client over undici", NodeHttpClient.layerUndici)
