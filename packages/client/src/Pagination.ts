/**
 * Streams over a listing, written once on top of `listMessages` so every
 * implementation of `MessagesApi` (HTTP, in-memory, a user's stub) gets the
 * same ones.
 *
 * Pages follow `next_cursor` (`Stream.paginateEffect`), fetched up to
 * `prefetch` pages ahead of the consumer (`Stream.buffer`): while the
 * consumer works on page n, page n+1 is already on its way. Stopping the
 * stream (`Stream.take`, interruption) stops the fetching.
 */
import {
  type ListMessagesParams,
  type Message,
  type MessagesApiError,
  type PageMessage,
  PaginationError
} from "@convore/core"
import { Effect, Option, Stream } from "effect"

/** A listing to stream: `listMessages`' parameters (`cursor` resumes), and how to fetch. */
export interface StreamParams extends ListMessagesParams {
  /** Pages fetched ahead of the consumer: 1 by default, 0 to fetch only when asked. */
  readonly prefetch?: number
  /** Stop after this many pages. */
  readonly maxPages?: number
}

/** The listing operation the streams are built on. */
export type ListMessages = (params?: ListMessagesParams) => Effect.Effect<PageMessage, MessagesApiError>

/** Where the listing stands: the cursor of the next page, and the cursors already followed. */
interface Position {
  readonly cursor: string | undefined
  readonly delivered: number
  readonly seen: ReadonlySet<string>
}

/**
 * The pages of a listing, from `params.cursor` (or the start) until a page
 * comes back with no `next_cursor`, going on through empty pages that have
 * one. Fails with `PaginationError` saying where to resume, and, after the
 * page that carries it, with `CursorRepeated` instead of looping when the
 * server sends a cursor a second time.
 */
export const streamPages = (
  listMessages: ListMessages,
  params: StreamParams = {}
): Stream.Stream<PageMessage, PaginationError> => {
  const { cursor: start, maxPages = Number.POSITIVE_INFINITY, prefetch = 1, ...query } = params
  const fetch = ({ cursor, delivered, seen }: Position) =>
    cursor !== undefined && seen.has(cursor)
      ? new PaginationError({
        message:
          `the server sent cursor ${cursor} a second time after ${delivered} page(s); stopping instead of looping`,
        reason: "CursorRepeated",
        pagesDelivered: delivered,
        cursor
      })
      : listMessages(cursor === undefined ? query : { ...query, cursor }).pipe(
        Effect.mapError((cause) =>
          new PaginationError({
            message: `listing messages failed after ${delivered} page(s)${
              cursor === undefined ? "" : `; resume from cursor ${cursor}`
            }: ${cause.message}`,
            reason: "PageFailed",
            pagesDelivered: delivered,
            cause,
            ...(cursor === undefined ? {} : { cursor })
          })
        ),
        Effect.map((page) => {
          const next = page.next_cursor ?? undefined
          const after = {
            cursor: next,
            delivered: delivered + 1,
            seen: cursor === undefined ? seen : new Set(seen).add(cursor)
          }
          return [page, next === undefined ? Option.none() : Option.some(after)] as const
        })
      )
  const pages = (fetchPage: typeof fetch) => {
    const listing = Stream.paginateEffect({ cursor: start, delivered: 0, seen: new Set<string>() }, fetchPage)
    // `Stream.take` takes a whole number, and dies on anything else: NaN or a negative count is no page
    return maxPages === Number.POSITIVE_INFINITY ? listing : Stream.take(listing, Math.ceil(maxPages) || 0)
  }
  const ahead = Math.max(0, Math.floor(prefetch) || 0)
  if (ahead === 0) return pages(fetch)
  // `Stream.buffer` alone runs one page further than its capacity (a page waits to be offered while the
  // queue is full): each fetch takes a permit, each page the consumer receives gives one back
  return Stream.unwrap(
    Effect.map(
      Effect.makeSemaphore(ahead),
      (permits) =>
        pages((position) => Effect.zipRight(permits.take(1), fetch(position))).pipe(
          Stream.buffer({ capacity: "unbounded" }),
          Stream.tap(() => permits.release(1))
        )
    )
  )
}

/** The messages of a listing, page after page, in the server's order. */
export const streamMessages = (
  listMessages: ListMessages,
  params?: StreamParams
): Stream.Stream<Message, PaginationError> => Stream.mapConcat(streamPages(listMessages, params), (page) => page.data)
