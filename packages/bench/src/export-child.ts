/**
 * One export, alone in its process so its peak RSS is its own:
 * `node dist/export-child.mjs <client> <baseUrl> <path>` prints
 * `{"ms": …, "messages": …, "peakRssMb": …}`. Only that client's code is loaded.
 */
import { type ClientName, load, loaders } from "./clients/index.js"

const [name, baseUrl, path] = process.argv.slice(2)
if (name === undefined || !(name in loaders) || baseUrl === undefined || path === undefined) {
  console.error(`usage: export-child <client> <baseUrl> <path>; clients: ${Object.keys(loaders).join(", ")}`)
  process.exit(2)
}
const client = await load(name as ClientName)
if (client.exportTo === undefined) {
  console.error(`${name} has no export`)
  process.exit(2)
}
const start = performance.now()
const messages = await client.exportTo(baseUrl, path)
const ms = performance.now() - start
// maxRSS is in kilobytes
console.log(JSON.stringify({ ms, messages, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
