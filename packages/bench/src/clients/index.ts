/**
 * Every benchmarked client, the floor first and, over each transport, this
 * client on Effect 3, its Effect 4 line (`@convore/bench-effect4`, bundled
 * from the Effect 4 workspace: see effect4.d.ts) and the Effect peer; each
 * loaded on its own by name, so a process that measures one carries no
 * other's code.
 */
import type { Client } from "./Client.js"

export type { Client } from "./Client.js"

/** The clients by name, each imported only when asked for. */
export const loaders = {
  "fetch + JSON.parse (floor)": () => import("./Floor.js"),
  "@convore/client over undici": () => import("./ConvoreUndici.js"),
  "@convore/client (Effect 4) over undici": () => import("@convore/bench-effect4/ConvoreUndici"),
  "Effect peer over undici": () => import("./EffectPeerUndici.js"),
  "@convore/client over fetch": () => import("./Convore.js"),
  "@convore/client (Effect 4) over fetch": () => import("@convore/bench-effect4/Convore"),
  "Effect peer over fetch": () => import("./EffectPeer.js"),
  "openapi-fetch": () => import("./OpenapiFetch.js"),
  "fetch + zod 4": () => import("./FetchZod.js")
} as const satisfies Record<string, () => Promise<{ readonly client: Client }>>

export type ClientName = keyof typeof loaders

/** Loads the client called `name`. */
export const load = async (name: ClientName): Promise<Client> => (await loaders[name]()).client
