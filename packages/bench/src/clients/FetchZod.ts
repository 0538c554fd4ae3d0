/**
 * `fetch` + a zod 4 schema of the same models: the usual validated choice.
 */
import * as Zod from "../peers/zod.js"
import { type Client, headers, listUrl, messageId } from "./Client.js"

/** fetch + zod: the usual validated choice. */
export const client: Client = {
  name: "fetch + zod 4",
  stream: async (baseUrl) => {
    let count = 0
    let cursor: string | null | undefined
    do {
      const page = Zod.PageMessage.parse(await (await fetch(listUrl(baseUrl, cursor), { headers })).json())
      count += page.data.length
      cursor = page.next_cursor
    } while (cursor)
    return count
  },
  getMany: async (baseUrl, count) => {
    for (let i = 0; i < count; i++) {
      Zod.Message.parse(await (await fetch(`${baseUrl}/v1/messages/${messageId}`, { headers })).json())
    }
  }
}
