/**
 * This project over `UndiciHttpClient.layer`, the transport the README
 * recommends on Node, with the export: the targets are judged over it.
 */
import * as UndiciHttpClient from "@convore/client/UndiciHttpClient"
import type { Client } from "./Client.js"
import { over } from "./Convore.js"

/** @convore/client over `UndiciHttpClient`: `streamMessages`, `getMessage` and `Export`. */
export const client: Client = over("@convore/client over undici", UndiciHttpClient.layer, true)
