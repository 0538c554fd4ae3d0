/**
 * The runtime smoke in a browser page: bundled by `run-browser.mjs`, it runs
 * against the mock server named in the page's query (`?base=…&key=…`) and
 * leaves its line in `window.smokeResult`.
 */
import { runSmoke } from "./smoke-core.mjs"

const query = new URLSearchParams(location.search)
const runtime = query.get("runtime") ?? "browser"
window.smokeResult = runSmoke(runtime, query.get("base"), query.get("key")).then(
  (line) => line,
  (error) => `${runtime}: FAIL ${error?.message ?? error}`
)
