/**
 * The neutral server every client in the benchmark reads from, run as a
 * process of its own: pre-generated full-format pages of 100 realistic
 * messages, keep-alive, cursors, and an optional latency per request.
 *
 * URLs are `/s/<pages>/<latencyMs>/v1/messages[?cursor=pN]` (a listing of
 * `pages` pages) and `/s/<pages>/<latencyMs>/v1/messages/<id>` (one message).
 * Prints `{"port": N}` on its first line once it listens.
 */
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { wireMessage, wirePage } from "./WirePages.js"

/** Distinct page bodies; page n of a listing is template n mod this, with its own cursor. */
const templates = 20
const pages = Array.from({ length: templates }, (_, i) => {
  const json = JSON.stringify(wirePage(i, 100))
  // everything up to the page's closing brace, without its own next_cursor, to append the real one
  return Buffer.from(json.slice(0, json.lastIndexOf(",\"next_cursor\"")))
})
const message = Buffer.from(JSON.stringify(wireMessage(7)))
const route = /^\/s\/(\d+)\/(\d+)\/v1\/messages(?:\/([^/?]+))?(?:\?cursor=p(\d+))?$/

const server = createServer((request, response) => {
  const match = route.exec(request.url ?? "")
  if (match === null || request.method !== "GET") {
    response.writeHead(404, { "content-type": "application/problem+json" })
    return response.end("{\"title\":\"Not Found\",\"status\":404}")
  }
  const [, total, latency, id, cursor] = match
  const answer = () => {
    response.setHeader("content-type", "application/json")
    response.setHeader("x-request-id", "req_bench")
    if (id !== undefined) return response.end(message)
    const n = cursor === undefined ? 0 : Number(cursor)
    const next = n + 1 < Number(total) ? `"p${n + 1}"` : "null"
    response.end(Buffer.concat([pages[n % templates]!, Buffer.from(`,"next_cursor":${next}}`)]))
  }
  if (latency === "0") answer()
  else setTimeout(answer, Number(latency))
})
server.keepAliveTimeout = 60_000
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`)
})
process.on("SIGTERM", () => server.close(() => process.exit(0)))
