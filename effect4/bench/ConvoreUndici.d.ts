import type { Client } from "../../packages/bench/src/clients/Client.js"
/** The Effect 4 @convore/client over `NodeHttpClient.layerUndici`: `streamMessages`, `getMessage` and `Export`. */
export declare const client: Client
// # sourceMappingURL=ConvoreUndici.d.ts.map
