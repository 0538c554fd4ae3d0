/**
 * Streams over a listing, written once on top of `listMessages` so every
 * implementation of `MessagesApi` (HTTP, in-memory, a user's stub) gets the
 * same ones.
 *
 * Pages follow `next_cursor` (`Stream.paginate`), fetched up to `prefetch`
 * pages ahead of the consumer (one by default; `Stream.bufferArray`): while
 * the consumer works on page n, page n+1 is already on its way, and nothing
 * beyond that is fetched until the consumer asks. Stopping the stream
 * (`Stream.take`, interruption) stops the fetching.
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

const listParams = (params: StreamParams, cursor: string | undefined): ListMessagesParams => {
  const { maxPages: _maxPages, prefetch: _prefetch, cursor: _cursor, ...rest } = params
  return cursor === undefined ? rest : { ...rest, cursor }
}

/** Where a listing stands: the cursor of the next page, and the pages delivered before it. */
interface Position {
  readonly cursor: string | undefined
  readonly delivered: number
  /** Whether the server sent `cursor` before: the listing stops there instead of looping. */
  readonly repeated: boolean
}

/**
 * The pages of a listing, from `params.cursor` (or the start) until a page
 * comes back with no `next_cursor`, going on through empty pages that have
 * one. Fails with `PaginationError` saying where to resume, and with
 * `CursorRepeated` instead of looping when the server sends a cursor twice
 * (after delivering the page that sent it).
 */
export const streamPages = (
  listMessages: ListMessages,
  params: StreamParams = {}
): Stream.Stream<PageMessage, PaginationError> => {
  // any number is taken, none dies: a fraction of a page rounds up, NaN or below 0 is none
  const prefetch = Math.max(0, Math.floor(params.prefetch ?? 1) || 0)
  const maxPages = params.maxPages ?? Number.POSITIVE_INFINITY
  if (!(maxPages > 0)) return Stream.empty

  // one page at a time: the page at `position`, and where the listing goes on from (if it does)
  const pages = Stream.suspend(() => {
    // every cursor of this run of the stream, so that one sent again ends it instead of looping
    const seen = new Set<string>(params.cursor === undefined ? [] : [params.cursor])
    const next = (page: PageMessage, delivered: number): Option.Option<Position> => {
      const cursor = page.next_cursor ?? undefined
      if (cursor === undefined) return Option.none()
      if (seen.has(cursor)) return Option.some({ cursor, delivered, repeated: true })
      seen.add(cursor)
      return delivered < maxPages ? Option.some({ cursor, delivered, repeated: false }) : Option.none()
    }
    return Stream.paginate<Position, PageMessage, PaginationError>(
      { cursor: params.cursor, delivered: 0, repeated: false },
      ({ cursor, delivered, repeated }) =>
        repeated
          ? Effect.fail(
            new PaginationError({
              message:
                `the server sent cursor ${cursor} a second time after ${delivered} page(s); stopping instead of looping`,
              reason: "CursorRepeated",
              pagesDelivered: delivered,
              ...(cursor === undefined ? {} : { cursor })
            })
          )
          : listMessages(listParams(params, cursor)).pipe(
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
            Effect.map((page) => [[page], next(page, delivered + 1)] as const)
          )
    )
  })

  // the producer fiber of `bufferArray` holds one fetched page while it waits to hand it over (a
  // buffer of 0 is a hand-to-hand exchange): the buffer holds the others, one page per chunk
  return prefetch === 0 ? pages : Stream.bufferArray(pages, { capacity: prefetch - 1 })
}

/** The messages of a listing, page after page, in the server's order. */
export const streamMessages = (
  listMessages: ListMessages,
  params?: StreamParams
): Stream.Stream<Message, PaginationError> =>
  Stream.flattenIterable(Stream.map(streamPages(listMessages, params), (page) => page.data))
