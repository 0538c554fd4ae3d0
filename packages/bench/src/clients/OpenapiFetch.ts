/**
 * openapi-fetch, typed from the contract (what many TypeScript users pick); it validates nothing.
 */
import createClient from "openapi-fetch"
import type { paths } from "../peers/openapi.js"
import { type Client, headers, messageId } from "./Client.js"

/** openapi-fetch, typed from the contract; it validates nothing. */
export const client: Client = {
  name: "openapi-fetch",
  stream: async (baseUrl) => {
    const client = createClient<paths>({ baseUrl, headers })
    let count = 0
    let cursor: string | undefined
    do {
      const { data, error } = await client.GET("/v1/messages", { params: { query: cursor ? { cursor } : {} } })
      if (error !== undefined || data === undefined) throw new Error("listing failed")
      count += data.data.length
      cursor = data.next_cursor ?? undefined
    } while (cursor)
    return count
  },
  getMany: async (baseUrl, count) => {
    const client = createClient<paths>({ baseUrl, headers })
    for (let i = 0; i < count; i++) {
      const { error } = await client.GET("/v1/messages/{message_id}", { params: { path: { message_id: messageId } } })
      if (error !== undefined) throw new Error("get failed")
    }
  }
}
