/**
 * The compiler behind `FastDecoder`: a schema's AST turned once into
 * straight-line JavaScript that answers the decoded value, or `Reject` for
 * input it leaves to the Schema decoder. Private: `FastDecoder.make` is its
 * only door.
 */
import { Either, Option, SchemaAST } from "effect"

/** What compiled code answers for input it does not accept. */
export const Reject: unique symbol = Symbol.for("@convore/core/FastDecoder/Reject")

const noOptions: SchemaAST.ParseOptions = {}

/** The right of a decoder's answer, or `Reject` for any other answer (a failure, an effect). */
const rightOrReject = (result: unknown) => Either.isEither(result) && Either.isRight(result) ? result.right : Reject

/** Thrown while compiling a node kind the fast path leaves to the Schema decoder. */
class Unsupported extends Error {}

/** Generates the source of one decoder, its helpers passed in as `helpers[i]`. */
class Generator {
  readonly functions: Array<string> = []
  readonly helpers: Array<unknown> = []
  private readonly names = new Map<SchemaAST.AST, string>()

  private helper(value: unknown): string {
    this.helpers.push(value)
    return `h[${this.helpers.length - 1}]`
  }

  /** The name of a helper answering whether a value passes the filter of `ast`. */
  private passes(ast: SchemaAST.Refinement): string {
    return this.helper((value: unknown) => Option.isNone(ast.filter(value, noOptions, ast)))
  }

  /** A boolean expression over `x` when `ast` only checks (its output is its input); else `undefined`. */
  check(ast: SchemaAST.AST, x: string): string | undefined {
    switch (ast._tag) {
      case "StringKeyword":
        return `typeof ${x} === "string"`
      case "NumberKeyword":
        return `typeof ${x} === "number"`
      case "BooleanKeyword":
        return `typeof ${x} === "boolean"`
      case "UndefinedKeyword":
        return `${x} === undefined`
      case "Literal":
        return ast.literal === null ? `${x} === null` : `${x} === ${this.literal(ast.literal)}`
      case "Union": {
        const members = ast.types.map((member) => this.check(member, x))
        return members.every((member) => member !== undefined) ? `(${members.join(" || ")})` : undefined
      }
      case "Refinement": {
        const from = this.check(ast.from, x)
        if (from === undefined) return undefined
        return `(${from} && ${this.passes(ast)}(${x}))`
      }
      default:
        return undefined
    }
  }

  private literal(value: string | number | boolean | bigint): string {
    return typeof value === "bigint" ? this.helper(value) : JSON.stringify(value)
  }

  /** The name of a generated function `(v) => output | R` for `ast`. */
  decoder(ast: SchemaAST.AST): string {
    const known = this.names.get(ast)
    if (known !== undefined) return known
    const name = `d${this.names.size}`
    this.names.set(ast, name)
    const check = this.check(ast, "v")
    const body = check !== undefined ? `return ${check} ? v : R;` : this.body(ast)
    this.functions.push(`function ${name}(v) {\n${body}\n}`)
    return name
  }

  /** Code that reads `x` as `ast` into `out` (declared by the caller), returning R on failure. */
  private read(ast: SchemaAST.AST, x: string, out: string): string {
    const check = this.check(ast, x)
    return check !== undefined
      ? `if (!(${check})) return R; ${out} = ${x};`
      : `${out} = ${this.decoder(ast)}(${x}); if (${out} === R) return R;`
  }

  private body(ast: SchemaAST.AST): string {
    switch (ast._tag) {
      case "TypeLiteral":
        return this.typeLiteral(ast)
      case "TupleType": {
        if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Unsupported(ast._tag)
        const item = ast.rest[0]!.type
        return [
          "if (!Array.isArray(v)) return R;",
          "const n = v.length; const o = new Array(n); let y;",
          `for (let i = 0; i < n; i++) { const x = v[i]; ${this.read(item, "x", "y")} o[i] = y; }`,
          "return o;"
        ].join("\n")
      }
      case "Union":
        return [
          "let y;",
          ...ast.types.map((member) => {
            const check = this.check(member, "v")
            return check !== undefined
              ? `if (${check}) return v;`
              : `y = ${this.decoder(member)}(v); if (y !== R) return y;`
          }),
          "return R;"
        ].join("\n")
      case "Refinement":
        return `let y; ${this.read(ast.from, "v", "y")} return ${this.passes(ast)}(y) ? y : R;`
      case "Transformation": {
        if (!SchemaAST.isFinalTransformation(ast.transformation)) throw new Unsupported(ast._tag)
        const { decode } = ast.transformation
        const transform = this.helper((from: unknown, input: unknown) =>
          rightOrReject(decode(from, noOptions, ast, input))
        )
        return [
          "let f, t;",
          this.read(ast.from, "v", "f"),
          `t = ${transform}(f, v); if (t === R) return R;`,
          this.read(SchemaAST.typeAST(ast.to), "t", "t"),
          "return t;"
        ].join("\n")
      }
      case "Declaration": {
        const decode = ast.decodeUnknown(...ast.typeParameters)
        return `return ${this.helper((input: unknown) => rightOrReject(decode(input, noOptions, ast)))}(v);`
      }
      default:
        throw new Unsupported(ast._tag)
    }
  }

  private typeLiteral(ast: SchemaAST.TypeLiteral): string {
    if (ast.indexSignatures.length > 0) throw new Unsupported("index signature")
    const lines = ["if (typeof v !== \"object\" || v === null || Array.isArray(v)) return R;"]
    const required: Array<string> = []
    const optional: Array<string> = []
    ast.propertySignatures.forEach((property, i) => {
      if (typeof property.name !== "string") throw new Unsupported("symbol key")
      const key = JSON.stringify(property.name)
      const value = `a${i}`
      if (!property.isOptional) {
        lines.push(
          `let ${value} = v[${key}]; if (${value} === undefined && !hasOwn(v, ${key})) return R;`,
          this.read(property.type, value, value)
        )
        required.push(`${key}: ${value}`)
      } else {
        // absent stays absent; present, even as undefined, is decoded like any value
        optional.push(
          `{ let ${value} = v[${key}]; if (${value} !== undefined || hasOwn(v, ${key})) { ${
            this.read(property.type, value, value)
          } o[${key}] = ${value}; } }`
        )
      }
    })
    return [...lines, `const o = { ${required.join(", ")} };`, ...optional, "return o;"].join("\n")
  }
}

const hasOwn = (value: object, key: string) => Object.prototype.hasOwnProperty.call(value, key)

/** Compiles `ast` to a function answering the decoded value or `Reject`, or says why it cannot. */
export const compile = (ast: SchemaAST.AST): ((input: unknown) => unknown) | { readonly reason: string } => {
  const generator = new Generator()
  let root: string
  try {
    root = generator.decoder(ast)
  } catch (error) {
    return { reason: `the schema holds a node the compiler leaves to Schema (${String(error)})` }
  }
  try {
    const source = `"use strict";\n${generator.functions.join("\n")}\nreturn ${root};`
    return new Function("R", "h", "hasOwn", source)(Reject, generator.helpers, hasOwn)
  } catch (error) {
    // Cloudflare Workers and pages with a strict Content-Security-Policy forbid it
    return { reason: `this runtime does not allow code generation (new Function: ${String(error)})` }
  }
}
