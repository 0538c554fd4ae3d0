/**
 * The runtime smoke inside a Cloudflare Worker: a request to the worker runs
 * it against the mock server named in its `BASE_URL` binding and answers the
 * smoke's line (status 500 and `FAIL …` when it fails).
 */
import { runSmoke } from "./smoke-core.mjs"

export default {
  async fetch(_request, env) {
    return runSmoke(env.RUNTIME, env.BASE_URL, env.API_KEY).then(
      (line) => new Response(line),
      (error) => new Response(`${env.RUNTIME}: FAIL ${error?.message ?? error}`, { status: 500 })
    )
  }
}
