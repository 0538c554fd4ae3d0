/**
 * One export, alone in its process so its peak RSS is its own:
 * `tsx src/export-child.ts <client> <baseUrl> <path>` prints
 * `{"ms": …, "messages": …, "peakRssMb": …}`.
 */
import { clients } from "./Clients.js"

const [name, baseUrl, path] = process.argv.slice(2)
const client = clients.find((c) => c.name === name)
if (client?.exportTo === undefined || baseUrl === undefined || path === undefined) {
  console.error(`usage: export-child <client> <baseUrl> <path>; clients with an export: ${
    clients.filter((c) => c.exportTo).map((c) => c.name).join(", ")
  }`)
  process.exit(2)
}
const start = performance.now()
const messages = await client.exportTo(baseUrl, path)
const ms = performance.now() - start
// maxRSS is in kilobytes
console.log(JSON.stringify({ ms, messages, peakRssMb: process.resourceUsage().maxRSS / 1024 }))
