import type { Layer } from "effect"
import { type HttpClient } from "effect/http"
import { type Client } from "../../packages/bench/src/clients/Client.js"
/** The Effect 4 @convore/client over `transport`: `streamMessages`, `getMessage` and `Export`, fully validating. */
export declare const over: (name: string, transport: Layer.Layer<HttpClient.HttpClient>) => Client
/** The Effect 4 @convore/client over effect 4's `FetchHttpClient`, the floor's transport. */
export declare const client: Client
// # sourceMappingURL=Convore.d.ts.map
