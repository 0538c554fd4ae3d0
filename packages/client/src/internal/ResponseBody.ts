/**
 * An answer's body read within a byte bound, so that no server, broken or
 * hostile, can make the client hold more than it allows: a `Content-Length`
 * over the bound is refused before anything is read, and a body without one
 * (or a compressed one, which the transport inflates) is counted as it
 * streams in and cut off past the bound.
 */
import { declaredLength, isIdentity, prefixText } from "@convore/wire/BodyBytes"
import type { HttpClientError, HttpClientResponse } from "@effect/platform"
import { Effect, Stream } from "effect"

/** The body's text, or as much of it as the bound allowed. */
export interface Body {
  readonly text: string
  /** False when the body is longer than the bound; `text` then holds its first bytes at most. */
  readonly complete: boolean
}

/** How much of an error answer is read (see `@convore/wire`). */
export { errorBodyBytes } from "@convore/wire/BodyBytes"

interface Collected {
  readonly chunks: Array<Uint8Array>
  size: number
}

/**
 * Streams the body, counting bytes, and lets it go (closing its connection)
 * once past `limit`. An answer without a body (a 204) is an empty one on
 * every transport: over fetch its stream fails with `EmptyBody`, which is no
 * broken connection, so not a transport failure to retry.
 */
const collect = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Collected, HttpClientError.ResponseError> =>
  // a fold over the stream, not `Stream.take`: the bound is in bytes, not in chunks
  Stream.runFoldWhile(
    response.stream,
    { chunks: [], size: 0 } as Collected,
    (collected) => collected.size <= limit,
    (collected, chunk) => {
      collected.chunks.push(chunk)
      collected.size += chunk.length
      return collected
    }
  ).pipe(
    Effect.catchIf((error) => error.reason === "EmptyBody", () => Effect.succeed<Collected>({ chunks: [], size: 0 }))
  )

/**
 * The body when it holds at most `limit` bytes; of a longer one, its first
 * bytes when `prefix` asks for them, else nothing (nobody reads its text). One
 * whose uncompressed `Content-Length` fits is read by the platform (the
 * transport holds it to that length); one that says it is longer and is not
 * wanted is not read at all; any other is streamed and counted.
 */
const within = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number,
  prefix: boolean
): Effect.Effect<Body, HttpClientError.ResponseError> => {
  const declared = declaredLength(response.headers["content-length"])
  if (declared !== undefined && isIdentity(response.headers["content-encoding"])) {
    if (declared <= limit) return Effect.map(response.text, (text) => ({ text, complete: true }))
    if (!prefix) return Effect.succeed({ text: "", complete: false })
  }
  return Effect.map(collect(response, limit), (collected) => {
    const complete = collected.size <= limit
    return { text: complete || prefix ? prefixText(collected.chunks, limit) : "", complete }
  })
}

/** The whole body, when it holds at most `limit` bytes; a longer one is dropped undecoded. */
export const read = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Body, HttpClientError.ResponseError> => within(response, limit, false)

/** The body's first `limit` bytes at most: all an error answer's detail needs. */
export const readPrefix = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Body, HttpClientError.ResponseError> => within(response, limit, true)
