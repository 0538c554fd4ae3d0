/**
 * The floor: plain `fetch` + `JSON.parse`, validating nothing.
 */
import { once } from "node:events"
import { createWriteStream } from "node:fs"
import { type Client, headers, listUrl, messageId, type WirePage } from "./Client.js"

/** The floor: fetch and parse, nothing more. */
export const client: Client = {
  name: "fetch + JSON.parse (floor)",
  stream: async (baseUrl) => {
    let count = 0
    let cursor: string | null | undefined
    do {
      const page = await (await fetch(listUrl(baseUrl, cursor), { headers })).json() as WirePage
      count += page.data.length
      cursor = page.next_cursor
    } while (cursor)
    return count
  },
  getMany: async (baseUrl, count) => {
    for (let i = 0; i < count; i++) await (await fetch(`${baseUrl}/v1/messages/${messageId}`, { headers })).json()
  },
  exportTo: async (baseUrl, path) => {
    const out = createWriteStream(path)
    let count = 0
    let cursor: string | null | undefined
    do {
      const page = await (await fetch(listUrl(baseUrl, cursor), { headers })).json() as WirePage
      let text = ""
      for (const message of page.data) text += JSON.stringify(message) + "\n"
      if (!out.write(text)) await once(out, "drain")
      count += page.data.length
      cursor = page.next_cursor
    } while (cursor)
    out.end()
    await once(out, "finish")
    return count
  }
}
