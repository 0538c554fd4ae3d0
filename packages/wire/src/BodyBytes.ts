/**
 * How much of an answer's body the client reads: the length an answer
 * declares, and the text of a body cut at a byte bound.
 */

/**
 * How much of an error answer is read: enough for any `detail` (which keeps
 * 500 characters), little enough that reading it costs nothing.
 */
export const errorBodyBytes = 64 * 1024

/** The length a `Content-Length` value declares, when it is a plain number of bytes. */
export const declaredLength = (contentLength: string | undefined): number | undefined =>
  contentLength !== undefined && /^\s*\d+\s*$/.test(contentLength) ? Number(contentLength) : undefined

/**
 * Whether a `Content-Encoding` value leaves the body as it is (no value, or
 * `identity`): only then does the declared length count the body's own bytes.
 */
export const isIdentity = (contentEncoding: string | undefined): boolean =>
  contentEncoding === undefined || contentEncoding.trim().toLowerCase() === "identity"

const decoder = new TextDecoder()

/**
 * The UTF-8 text of the first `limit` bytes of `chunks` (a body's bytes as
 * they came), copying no byte past the bound.
 */
export const prefixText = (chunks: ReadonlyArray<Uint8Array>, limit: number): string => {
  let size = 0
  for (const chunk of chunks) size += chunk.length
  const bytes = new Uint8Array(Math.max(0, Math.min(size, limit)))
  let offset = 0
  for (const chunk of chunks) {
    if (offset === bytes.length) break
    const part = chunk.subarray(0, bytes.length - offset)
    bytes.set(part, offset)
    offset += part.length
  }
  return decoder.decode(bytes)
}
