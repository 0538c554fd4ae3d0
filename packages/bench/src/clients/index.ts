/**
 * Every benchmarked client, the floor first and the Effect peer beside this
 * client over each transport; each loaded on its own by name, so a process
 * that measures one carries no other's code.
 */
import type { Client } from "./Client.js"

export type { Client } from "./Client.js"

/** The clients by name, each imported only when asked for. */
export const loaders = {
  "fetch + JSON.parse (floor)": () => import("./Floor.js"),
  "@convore/client over undici": () => import("./ConvoreUndici.js"),
  "Effect peer over undici": () => import("./EffectPeerUndici.js"),
  "@convore/client over fetch": () => import("./Convore.js"),
  "Effect peer over fetch": () => import("./EffectPeer.js"),
  "openapi-fetch": () => import("./OpenapiFetch.js"),
  "fetch + zod 4": () => import("./FetchZod.js")
} as const satisfies Record<string, () => Promise<{ readonly client: Client }>>

export type ClientName = keyof typeof loaders

/** Loads the client called `name`. */
export const load = async (name: ClientName): Promise<Client> => (await loaders[name]()).client
