/**
 * The Effect peer over the platform's `NodeHttpClient.layerUndici`, the
 * transport the targets against the peer are judged over.
 */
import * as NodeHttpClient from "@effect/platform-node/NodeHttpClient"
import type { Client } from "./Client.js"
import { over } from "./EffectPeer.js"

/** The Effect peer over `NodeHttpClient.layerUndici`: the listing and `getMessage`, decoded. */
export const client: Client = over("Effect peer over undici", NodeHttpClient.layerUndici)
