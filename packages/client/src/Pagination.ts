/**
 * Streams over a listing, written once on top of `listMessages` so every
 * implementation of `MessagesApi` (HTTP, in-memory, a user's stub) gets the
 * same ones.
 *
 * Pages are fetched by a producer fiber that may run `prefetch` pages ahead
 * of the consumer (one by default): while the consumer works on page n, page
 * n+1 is already on its way, and nothing beyond that is fetched until the
 * consumer asks. Stopping the stream (`Stream.take`, interruption) stops the
 * producer.
 */
import {
  type ListMessagesParams,
  type Message,
  type MessagesApiError,
  type PageMessage,
  PaginationError
} from "@convore/core"
import { Cause, Effect, Exit, Option, Queue, Stream } from "effect"

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

/**
 * A page on its way from the producer to the consumer. The consumer usually
 * waits for it in a `Queue.take` that began before the page was fetched, so
 * what holds it may already be in the old generation, where it would keep a
 * dead page alive until the next full collection (a page is ~1 MB of
 * objects): the box is emptied as the page is taken.
 */
interface Handoff {
  page: PageMessage | undefined
}

const takePage = (handoff: Handoff): PageMessage => {
  const page = handoff.page!
  handoff.page = undefined
  return page
}

/**
 * The pages of a listing, from `params.cursor` (or the start) until a page
 * comes back with no `next_cursor`, going on through empty pages that have
 * one. Fails with `PaginationError` saying where to resume.
 */
export const streamPages = (
  listMessages: ListMessages,
  params: StreamParams = {}
): Stream.Stream<PageMessage, PaginationError> =>
  Stream.unwrapScoped(Effect.gen(function*() {
    const prefetch = Math.max(0, Math.floor(params.prefetch ?? 1))
    const maxPages = params.maxPages ?? Number.POSITIVE_INFINITY
    // the consumer hands the producer one token per page it asks for; `prefetch` more are there from the start
    const tokens = yield* Queue.unbounded<void>()
    yield* Queue.offerAll(tokens, Array.from({ length: prefetch }, () => undefined))
    const pages = yield* Queue.unbounded<Exit.Exit<Handoff, Option.Option<PaginationError>>>()

    // fetches the page at `cursor`, hands it to the consumer, answers the next cursor: the page
    // itself stays in no variable of the producer while it fetches the next one
    const fetchPage = (cursor: string | undefined, delivered: number) =>
      listMessages(listParams(params, cursor)).pipe(
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
        Effect.flatMap((page) => Effect.as(Queue.offer(pages, Exit.succeed({ page })), page.next_cursor))
      )

    const produce = Effect.gen(function*() {
      const seen = new Set<string>(params.cursor === undefined ? [] : [params.cursor])
      let cursor = params.cursor
      let delivered = 0
      while (delivered < maxPages) {
        yield* Queue.take(tokens)
        const next = yield* fetchPage(cursor, delivered)
        delivered++
        if (next === undefined || next === null) break
        if (seen.has(next)) {
          return yield* new PaginationError({
            message:
              `the server sent cursor ${next} a second time after ${delivered} page(s); stopping instead of looping`,
            reason: "CursorRepeated",
            pagesDelivered: delivered,
            cursor: next
          })
        }
        seen.add(next)
        cursor = next
      }
      yield* Queue.offer(pages, Exit.fail(Option.none()))
    }).pipe(
      // a failure or a defect of the producer reaches the consumer; its own interruption (the stream ended) does not
      Effect.catchAllCause((cause) =>
        Cause.isInterruptedOnly(cause) ? Effect.void : Queue.offer(pages, Exit.failCause(Cause.map(cause, Option.some)))
      )
    )

    yield* Effect.forkScoped(produce)
    return Stream.repeatEffectOption(
      Effect.zipRight(Queue.offer(tokens, undefined), Effect.map(Effect.flatten(Queue.take(pages)), takePage))
    )
  }))

/** The messages of a listing, page after page, in the server's order. */
export const streamMessages = (
  listMessages: ListMessages,
  params?: StreamParams
): Stream.Stream<Message, PaginationError> => Stream.mapConcat(streamPages(listMessages, params), (page) => page.data)
