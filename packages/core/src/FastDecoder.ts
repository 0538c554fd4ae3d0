/**
 * A compiled fast path for decoding valid input with a Schema.
 *
 * The general Schema interpreter pays for its generality (issues, effects,
 * options) on every value. Most responses are valid, so this module compiles
 * a schema's AST once into straight-line JavaScript (as ajv and zod 4 do):
 * fixed property reads and object literals that V8 optimizes well, with
 * refinements, transformations and declarations calling back into the
 * schema's own functions. Input it does not accept goes to the Schema decoder
 * itself, which gives the same value or the real error: the fast path can
 * only make valid input cheaper, never change an answer. Tests check the two
 * against each other on generated input.
 *
 * Where code cannot be generated (a kind of node it does not handle, or an
 * environment that forbids `new Function`), `make` is the Schema decoder.
 */
import { Either, type ParseResult, Schema } from "effect"
import { compile, Reject } from "./internal/Compiler.js"

/** A decoder made by `make`, saying how it decodes. */
export interface Decoder<A> {
  (input: unknown): Either.Either<A, ParseResult.ParseError>
  /** Whether the compiled fast path is on; when it is off, every value goes through the Schema decoder. */
  readonly compiled: boolean
  /** Why the fast path is off, when it is. */
  readonly reason: string | undefined
}

/** How `make` builds a decoder. */
export interface Options {
  /**
   * Whether to compile the fast path at all (default true). `false` never
   * calls `new Function`: for a page whose Content-Security-Policy would
   * report the attempt, or to rule the fast path out while debugging.
   */
  readonly compile?: boolean
}

/**
 * A synchronous decoder for `schema` that takes the compiled fast path for
 * input it accepts and the Schema decoder for everything else; its answers are
 * those of `Schema.decodeUnknownEither(schema)`. Where the fast path cannot be
 * compiled, or `options.compile` is false, it is the Schema decoder alone, and
 * says why (`compiled`, `reason`).
 *
 * The code is generated when `make` is called: the client calls it when its
 * module loads. Compiling on first use instead was measured to lose the fast
 * path on Cloudflare Workers, which allow `new Function` while a Worker starts
 * but refuse it while it serves a request, where a first decode happens.
 */
export const make = <A, I>(schema: Schema.Schema<A, I, never>, options: Options = {}): Decoder<A> => {
  const slow = Schema.decodeUnknownEither(schema)
  const fast = options.compile === false ? { reason: "turned off (compile: false)" } : compile(schema.ast)
  if (typeof fast !== "function") {
    return Object.assign((input: unknown) => slow(input), { compiled: false, reason: fast.reason })
  }
  return Object.assign((input: unknown) => {
    const value = fast(input)
    return value === Reject ? slow(input) : Either.right(value as A)
  }, { compiled: true, reason: undefined })
}
