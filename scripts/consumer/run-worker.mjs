/**
 * `node run-worker.mjs NAME BASE_URL API_KEY` (Node 22+, as Miniflare needs):
 * bundles `worker.mjs` with esbuild as Wrangler would (the `workerd`, `worker`
 * and `browser` export conditions), runs it in workerd through Miniflare, and
 * prints the smoke's line; exits 1 on a failure.
 */
import { build } from "esbuild"
import { Miniflare } from "miniflare"

const [runtime, baseUrl, apiKey] = process.argv.slice(2)
const bundle = await build({
  entryPoints: ["worker.mjs"],
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["module", "main"],
  write: false
})
const mf = new Miniflare({
  modules: true,
  script: bundle.outputFiles[0].text,
  // the newest date this workerd knows
  compatibilityDate: "2026-08-01",
  bindings: { RUNTIME: runtime, BASE_URL: baseUrl, API_KEY: apiKey }
})
try {
  const response = await mf.dispatchFetch("http://worker.local/")
  const line = await response.text()
  console.log(line)
  process.exitCode = response.ok ? 0 : 1
} finally {
  await mf.dispose()
}
