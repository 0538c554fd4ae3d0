/**
 * A compiled fast path for decoding valid input with a Schema.
 *
 * The general Schema interpreter pays for its generality (issues, effects,
 * options) on every value. Most responses are valid, so this module compiles a
 * schema's AST once into plain closures that check and build the output with
 * no allocation beyond the output itself. Anything they do not accept goes to
 * the Schema decoder itself, which gives the same result or the real error:
 * the fast path can only make valid input cheaper, never change an answer.
 * Tests check the two against each other on generated input.
 */
import { Either, Option, type ParseResult, Schema, SchemaAST } from "effect"

/** What a compiled node answers for input it does not accept. */
const Reject: unique symbol = Symbol.for("@convore/core/FastDecoder/Reject")

type Compiled = (input: unknown) => unknown

const hasOwn = Object.prototype.hasOwnProperty
const noOptions: SchemaAST.ParseOptions = {}

const fromEither = (result: unknown): unknown =>
  Either.isEither(result) && Either.isRight(result) ? result.right : Reject

const compileTypeLiteral = (ast: SchemaAST.TypeLiteral): Compiled | undefined => {
  if (ast.indexSignatures.length > 0) return undefined
  const fields: Array<{ readonly key: PropertyKey; readonly optional: boolean; readonly decode: Compiled }> = []
  for (const property of ast.propertySignatures) {
    const decode = compile(property.type)
    if (decode === undefined) return undefined
    fields.push({ key: property.name, optional: property.isOptional, decode })
  }
  return (input) => {
    if (typeof input !== "object" || input === null || Array.isArray(input)) return Reject
    const record = input as Record<PropertyKey, unknown>
    const output: Record<PropertyKey, unknown> = {}
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!
      if (!hasOwn.call(record, field.key)) {
        if (field.optional) continue
        return Reject
      }
      const value = field.decode(record[field.key])
      if (value === Reject) return Reject
      output[field.key] = value
    }
    return output
  }
}

const compileTupleType = (ast: SchemaAST.TupleType): Compiled | undefined => {
  if (ast.elements.length > 0 || ast.rest.length !== 1) return undefined
  const decodeItem = compile(ast.rest[0]!.type)
  if (decodeItem === undefined) return undefined
  return (input) => {
    if (!Array.isArray(input)) return Reject
    const output = new Array(input.length)
    for (let i = 0; i < input.length; i++) {
      const value = decodeItem(input[i])
      if (value === Reject) return Reject
      output[i] = value
    }
    return output
  }
}

const compileUnion = (ast: SchemaAST.Union): Compiled | undefined => {
  const members: Array<Compiled> = []
  for (const member of ast.types) {
    const decode = compile(member)
    if (decode === undefined) return undefined
    members.push(decode)
  }
  return (input) => {
    for (let i = 0; i < members.length; i++) {
      const value = members[i]!(input)
      if (value !== Reject) return value
    }
    return Reject
  }
}

const compileRefinement = (ast: SchemaAST.Refinement): Compiled | undefined => {
  const decodeFrom = compile(ast.from)
  if (decodeFrom === undefined) return undefined
  return (input) => {
    const value = decodeFrom(input)
    return value === Reject || Option.isSome(ast.filter(value, noOptions, ast)) ? Reject : value
  }
}

const compileTransformation = (ast: SchemaAST.Transformation): Compiled | undefined => {
  if (!SchemaAST.isFinalTransformation(ast.transformation)) return undefined
  const { decode } = ast.transformation
  const decodeFrom = compile(ast.from)
  const decodeTo = compile(SchemaAST.typeAST(ast.to))
  if (decodeFrom === undefined || decodeTo === undefined) return undefined
  return (input) => {
    const from = decodeFrom(input)
    if (from === Reject) return Reject
    const to = fromEither(decode(from, noOptions, ast, input))
    return to === Reject ? Reject : decodeTo(to)
  }
}

const compileDeclaration = (ast: SchemaAST.Declaration): Compiled => {
  const decode = ast.decodeUnknown(...ast.typeParameters)
  return (input) => fromEither(decode(input, noOptions, ast))
}

const is = (check: (input: unknown) => boolean): Compiled => (input) => check(input) ? input : Reject

/** Compiles a node, or `undefined` for a kind of node the fast path leaves to the Schema decoder. */
const compile = (ast: SchemaAST.AST): Compiled | undefined => {
  switch (ast._tag) {
    case "StringKeyword":
      return is((input) => typeof input === "string")
    case "NumberKeyword":
      return is((input) => typeof input === "number")
    case "BooleanKeyword":
      return is((input) => typeof input === "boolean")
    case "UndefinedKeyword":
      return is((input) => input === undefined)
    case "Literal": {
      const literal = ast.literal
      return is((input) => input === literal)
    }
    case "Union":
      return compileUnion(ast)
    case "TypeLiteral":
      return compileTypeLiteral(ast)
    case "TupleType":
      return compileTupleType(ast)
    case "Refinement":
      return compileRefinement(ast)
    case "Transformation":
      return compileTransformation(ast)
    case "Declaration":
      return compileDeclaration(ast)
    default:
      return undefined
  }
}

/**
 * A synchronous decoder for `schema` that takes the compiled fast path for
 * input it accepts and the Schema decoder for everything else; its answers are
 * those of `Schema.decodeUnknownEither(schema)`.
 */
export const make = <A, I>(
  schema: Schema.Schema<A, I, never>
): (input: unknown) => Either.Either<A, ParseResult.ParseError> => {
  const slow = Schema.decodeUnknownEither(schema)
  const fast = compile(schema.ast)
  if (fast === undefined) return slow
  return (input) => {
    const value = fast(input)
    return value === Reject ? slow(input) : Either.right(value as A)
  }
}
