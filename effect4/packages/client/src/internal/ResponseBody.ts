/**
 * An answer's body read within a byte bound, so that no server, broken or
 * hostile, can make the client hold more than it allows: a `Content-Length`
 * over the bound is refused before anything is read, and a body without one
 * (or a compressed one, which the transport inflates) is counted as it
 * streams in and cut off past the bound.
 */
import { declaredLength, isIdentity, prefixText } from "@convore/wire/BodyBytes"
import { Effect, Stream } from "effect"
import type { HttpClientError, HttpClientResponse } from "effect/http"

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
 * every transport: over fetch its stream fails with `EmptyBodyError`, which
 * is no broken connection, so not a transport failure to retry.
 */
const collect = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Collected, HttpClientError.HttpClientError> =>
  Effect.suspend(() => {
    const collected: Collected = { chunks: [], size: 0 }
    // chunk by chunk while within the bound, not `Stream.take`: the bound is in bytes, not in chunks
    return Stream.runForEachWhile(response.stream, (chunk) =>
      Effect.sync(() => {
        collected.chunks.push(chunk)
        collected.size += chunk.length
        return collected.size <= limit
      })).pipe(
        Effect.as(collected),
        Effect.catchIf(
          (error) => error.reason._tag === "EmptyBodyError",
          () => Effect.succeed<Collected>({ chunks: [], size: 0 })
        )
      )
  })

/**
 * The whole body, when it holds at most `limit` bytes. One whose uncompressed
 * `Content-Length` says it is larger is not read at all; one whose length
 * fits is read by the platform (the transport holds it to that length); any
 * other is streamed and counted.
 */
export const read = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Body, HttpClientError.HttpClientError> => {
  const declared = declaredLength(response.headers["content-length"])
  if (declared === undefined || !isIdentity(response.headers["content-encoding"])) {
    // a body over the bound is dropped undecoded: nobody reads its text
    return Effect.map(
      collect(response, limit),
      (collected) =>
        collected.size <= limit
          ? { text: prefixText(collected.chunks, limit), complete: true }
          : { text: "", complete: false }
    )
  }
  return declared > limit
    ? Effect.succeed({ text: "", complete: false })
    : Effect.map(response.text, (text) => ({ text, complete: true }))
}

/** The body's first `limit` bytes at most: all an error answer's detail needs. */
export const readPrefix = (
  response: HttpClientResponse.HttpClientResponse,
  limit: number
): Effect.Effect<Body, HttpClientError.HttpClientError> => {
  const declared = declaredLength(response.headers["content-length"])
  return declared !== undefined && declared <= limit && isIdentity(response.headers["content-encoding"])
    ? Effect.map(response.text, (text) => ({ text, complete: true }))
    : Effect.map(collect(response, limit), (collected) => ({
      text: prefixText(collected.chunks, limit),
      complete: collected.size <= limit
    }))
}
