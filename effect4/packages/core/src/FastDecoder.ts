/**
 * A synchronous decoder for a Schema, with the public shape of the Effect 3
 * line's compiled fast path.
 *
 * On the Effect 3 line this module compiles a schema's AST into
 * straight-line JavaScript for valid input. That compiler reads Effect 3's
 * AST, which Effect 4 does not have, so on this line every decoder is the
 * Schema decoder itself: `compiled` is always false and `reason` says why. A
 * decoder generated at build time is to replace it; programs written against
 * `make`, `compiled` and `reason` keep working unchanged when it does.
 */
import type { Result } from "effect"
import { Schema } from "effect"

/** Why no decoder of this line is compiled. */
const notCompiled = "the Effect 4 line has no compiled fast path yet: every value goes through the Schema decoder"

/** A decoder made by `make`, saying how it decodes. */
export interface Decoder<A> {
  (input: unknown): Result.Result<A, Schema.SchemaError>
  /** Whether the compiled fast path is on; when it is off, every value goes through the Schema decoder. */
  readonly compiled: boolean
  /** Why the fast path is off, when it is. */
  readonly reason: string | undefined
}

/** How `make` builds a decoder. */
export interface Options {
  /**
   * Whether to compile the fast path at all (default true). `false` never
   * generates code: for a page whose Content-Security-Policy would report
   * the attempt, or to rule the fast path out while debugging. (This line
   * generates none either way.)
   */
  readonly compile?: boolean
}

/**
 * A synchronous decoder for `schema`: `Schema.decodeUnknownResult(schema)`
 * with `{ reportInput: true }`, so that `firstIssue` can name a refused
 * value as the Effect 3 line does. It says that it is not compiled, and why
 * (`compiled`, `reason`).
 */
export const make = <A, I>(schema: Schema.Codec<A, I, never, never>, options: Options = {}): Decoder<A> => {
  const decode = Schema.decodeUnknownResult(schema, { reportInput: true })
  return Object.assign((input: unknown) => decode(input), {
    compiled: false,
    reason: options.compile === false ? "turned off (compile: false)" : notCompiled
  })
}
