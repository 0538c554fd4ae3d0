/**
 * `<runtime> run-smoke.mjs NAME BASE_URL API_KEY`: the runtime smoke from a
 * command line (Node, Bun, Deno). Prints `NAME: PASS …` or `NAME: FAIL …`
 * and exits 1 on a failure.
 */
import { runSmoke } from "./smoke-core.mjs"

const [runtime = "unknown", baseUrl = "http://127.0.0.1:8080", apiKey = "sk_smoke"] =
  globalThis.process?.argv.slice(2) ??
    globalThis.Deno.args
const exit = (code) => (globalThis.process?.exit ?? globalThis.Deno.exit)(code)

runSmoke(runtime, baseUrl, apiKey).then(
  (line) => console.log(line),
  (error) => {
    console.log(`${runtime}: FAIL ${error?.message ?? error}`)
    exit(1)
  }
)
