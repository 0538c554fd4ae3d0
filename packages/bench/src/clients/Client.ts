/**
 * The shape every benchmarked client has, and what they share.
 */
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
export const headers = { authorization: `Bearer ${apiKey}`, accept: "application/json" }
export const messageId = "msg_01hrakwwcveccsnm6xpn1wvmd4"

/** What the neutral server sends for a page, as the unvalidated clients see it. */
export interface WirePage {
  readonly data: ReadonlyArray<unknown>
  readonly next_cursor?: string | null
}

/** The URL of a listing page. */
export const listUrl = (baseUrl: string, cursor: string | null | undefined) =>
  `${baseUrl}/v1/messages${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ""}`
