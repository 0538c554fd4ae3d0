/**
 * A generated fast path for decoding valid input with a Schema.
 *
 * The general Schema interpreter pays for its generality (issues, effects,
 * options) on every value. Most responses are valid, so the decoders of the
 * API's `Message` and `PageMessage` are generated ahead of time into plain
 * code (`@convore/wire/MessageDecoder`, shared with the Effect 3 line): fixed
 * property reads and object literals that V8 optimizes well. No code is made
 * at run time (no `new Function`), so the fast path works on every runtime,
 * Cloudflare Workers and pages under a Content-Security-Policy included.
 * Input it does not accept goes to the Schema decoder itself, which gives the
 * same value or the real error: the fast path can only make valid input
 * cheaper, never change an answer. Tests check the two against each other on
 * generated input.
 *
 * For any other schema, `make` is the Schema decoder.
 */
import * as MessageDecoder from "@convore/wire/MessageDecoder"
import { DateTime, Result, Schema, type SchemaAST } from "effect"
import { Message, PageMessage } from "./Models.js"

/** A decoder made by `make`, saying how it decodes. */
export interface Decoder<A> {
  (input: unknown): Result.Result<A, Schema.SchemaError>
  /** Whether the generated fast path is on; when it is off, every value goes through the Schema decoder. */
  readonly compiled: boolean
  /** Why the fast path is off, when it is. */
  readonly reason: string | undefined
}

/** How `make` builds a decoder. */
export interface Options {
  /**
   * Whether to take the generated fast path (default true). `false` sends
   * every value through the Schema decoder: to rule the fast path out while
   * debugging.
   */
  readonly compile?: boolean
}

/**
 * The generated decoders, making dates as `WireDateTime` does. Typed with the
 * schemas' own types: a generated type that drifts from them does not compile.
 */
const generated: {
  readonly Message: (input: unknown) => Message | MessageDecoder.Reject
  readonly PageMessage: (input: unknown) => PageMessage | MessageDecoder.Reject
} = MessageDecoder.make((millis) => DateTime.makeUnsafe(millis))

/** The generated decoder of the schema whose AST is `ast`, known by identity: only these schemas have one. */
const generatedFor = (ast: SchemaAST.AST): ((input: unknown) => unknown) | undefined =>
  ast === Message.ast ? generated.Message : ast === PageMessage.ast ? generated.PageMessage : undefined

/**
 * A synchronous decoder for `schema` that takes the generated fast path for
 * input it accepts and the Schema decoder for everything else; its answers are
 * those of `Schema.decodeUnknownResult(schema)` with `{ reportInput: true }`,
 * so that `firstIssue` can name a refused value as the Effect 3 line does. For
 * a schema without a generated decoder (any but `Message` and `PageMessage`),
 * or when `options.compile` is false, it is the Schema decoder alone, and says
 * why (`compiled`, `reason`).
 */
export const make = <A, I>(schema: Schema.Codec<A, I, never, never>, options: Options = {}): Decoder<A> => {
  const slow = Schema.decodeUnknownResult(schema, { reportInput: true })
  const fast = options.compile === false ? undefined : generatedFor(schema.ast)
  if (fast === undefined) {
    const reason = options.compile === false
      ? "turned off (compile: false)"
      : "no generated decoder exists for this schema: only Message and PageMessage have one"
    return Object.assign((input: unknown) => slow(input), { compiled: false, reason })
  }
  return Object.assign((input: unknown) => {
    const value = fast(input)
    // the generated decoder of this very schema: its value is an `A`
    return value === MessageDecoder.Reject ? slow(input) : Result.succeed(value as A)
  }, { compiled: true, reason: undefined })
}
