/**
 * The clients the benchmark compares, each reading the same neutral server:
 * this project's `MessagesApi`, the floor (plain `fetch` + `JSON.parse`,
 * validating nothing), `openapi-fetch` typed from the contract (validating
 * nothing either) and `fetch` + zod (validating).
 */
import { Export, MessagesApi } from "@convore/client"
import { FetchHttpClient } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { Effect, Layer, ManagedRuntime, Stream } from "effect"
import { once } from "node:events"
import { createWriteStream } from "node:fs"
import createClient from "openapi-fetch"
import type { paths } from "./peers/openapi.js"
import * as Zod from "./peers/zod.js"

/** What each client can do, against a base URL. */
export interface Client {
  readonly name: string
  /** Reads every message of the listing; answers how many. */
  readonly stream: (baseUrl: string) => Promise<number>
  /** Gets one message `count` times, one after the other. */
  readonly getMany: (baseUrl: string, count: number) => Promise<void>
  /** Writes every message of the listing to `path` as NDJSON; answers how many. */
  readonly exportTo?: (baseUrl: string, path: string) => Promise<number>
}

export const apiKey = "sk_bench"
const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" }
const messageId = "msg_01hrakwwcveccsnm6xpn1wvmd4"

interface WirePage {
  readonly data: ReadonlyArray<unknown>
  readonly next_cursor?: string | null
}

const listUrl = (baseUrl: string, cursor: string | null | undefined) =>
  `${baseUrl}/v1/messages${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`

/** The floor: fetch and parse, nothing more. */
export const floor: Client = {
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

/** openapi-fetch, typed from the contract; it validates nothing. */
export const openapiFetch: Client = {
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

/** fetch + zod: the usual validated choice. */
export const fetchZod: Client = {
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

/** A runtime holding `MessagesApi` over `FetchHttpClient` (the floor's transport) for `baseUrl`. */
const runtimeFor = (baseUrl: string) =>
  ManagedRuntime.make(
    Layer.merge(
      MessagesApi.layer({ baseUrl, apiKey }).pipe(Layer.provide(FetchHttpClient.layer)),
      NodeFileSystem.layer
    )
  )

/** @convore/client: `streamMessages`, `getMessage` and `Export`, fully validating every message. */
export const convore: Client = {
  name: "@convore/client",
  stream: async (baseUrl) => {
    const runtime = runtimeFor(baseUrl)
    try {
      return await runtime.runPromise(
        Effect.flatMap(MessagesApi, (api) => Stream.runCount(api.streamMessages()))
      )
    } finally {
      await runtime.dispose()
    }
  },
  getMany: async (baseUrl, count) => {
    const runtime = runtimeFor(baseUrl)
    try {
      await runtime.runPromise(
        Effect.flatMap(MessagesApi, (api) => Effect.repeatN(api.getMessage(messageId), count - 1))
      )
    } finally {
      await runtime.dispose()
    }
  },
  exportTo: async (baseUrl, path) => {
    const runtime = runtimeFor(baseUrl)
    try {
      return (await runtime.runPromise(Export.toFile({ path }))).messages
    } finally {
      await runtime.dispose()
    }
  }
}

/** Every client, the floor first. */
export const clients: ReadonlyArray<Client> = [floor, convore, openapiFetch, fetchZod]
