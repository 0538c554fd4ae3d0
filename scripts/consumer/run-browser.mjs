/**
 * `node run-browser.mjs NAME BASE_URL API_KEY`: bundles `browser.mjs` for the
 * browser with esbuild, serves it from a page on another port (so every call
 * to the mock server is cross-origin and needs its CORS answers), opens the
 * page in the machine's Chromium, headless, through playwright-core, and
 * prints the smoke's line; exits 1 on a failure.
 */
import { build } from "esbuild"
import { createServer } from "node:http"
import { chromium } from "playwright-core"

const [runtime, baseUrl, apiKey] = process.argv.slice(2)
const bundle = await build({
  entryPoints: ["browser.mjs"],
  bundle: true,
  format: "esm",
  platform: "browser",
  write: false
})
const page = `<!doctype html><meta charset="utf-8"><title>smoke</title><script type="module" src="/smoke.js"></script>`
const site = createServer((request, response) => {
  const script = request.url === "/smoke.js"
  response.writeHead(200, { "content-type": script ? "text/javascript" : "text/html" })
  response.end(script ? bundle.outputFiles[0].text : page)
})
await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve))
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  // as root, on a machine whose network reaches nothing but loopback
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync"
  ]
})
try {
  const tab = await browser.newPage()
  const errors = []
  tab.on("pageerror", (error) => errors.push(error.message))
  const query = new URLSearchParams({ runtime, base: baseUrl, key: apiKey })
  await tab.goto(`http://127.0.0.1:${site.address().port}/?${query}`)
  await tab.waitForFunction(() => window.smokeResult !== undefined, undefined, { timeout: 60_000 })
  const line = await tab.evaluate(() => window.smokeResult)
  console.log(errors.length === 0 ? line : `${runtime}: FAIL ${errors.join("; ")}`)
  process.exitCode = line.includes(": PASS") && errors.length === 0 ? 0 : 1
} finally {
  await browser.close()
  site.close()
}
