/**
 * The source of `@convore/wire/MessageDecoder`, generated from the Effect 3
 * line's `Message` and `PageMessage` schemas: their SchemaAST walked into
 * plain TypeScript that both Effect lines run, with no Effect import and no
 * code made at run time.
 *
 * The generator knows a few node kinds, the ones these schemas hold, and
 * refuses everything else by throwing: a node kind, an annotation that could
 * change what decoding answers, a refinement or transformation it does not
 * know, or a known one whose behaviour differs from what it would write
 * (checked against the Schema decoder on probe values): it refuses rather
 * than write a decoder that may accept what the Schema decoder refuses, or
 * answer another value. Rejecting more than the Schema decoder is safe,
 * since rejected input goes to the Schema decoder.
 */
import { parseRfc3339 } from "@convore/wire/Rfc3339"
import { DateTime, Either, Option, ParseResult, Schema, SchemaAST } from "effect"
import { ESLint } from "eslint"
import { fileURLToPath } from "node:url"
import { Message, PageMessage } from "../src/Models.js"

/** The repository's root, where the lint configuration that formats the output lives. */
const root = new URL("../../../", import.meta.url)

/** Where the generated module lives, from the root. */
export const decoderPath = "packages/wire/src/MessageDecoder.ts"

/** The command that writes it. */
export const decoderCommand = "pnpm generate:decoder"

/** A schema the generator will not turn into code, and why. */
class Unsupported extends Error {
  constructor(where: string, why: string) {
    super(`generate-decoder: cannot generate ${where}: ${why}`)
  }
}

/**
 * Annotations that only name or document a node, or word its errors: the
 * Schema decoder's successful answers do not depend on them. Any other
 * annotation (parse options, a decoding fallback, concurrency…) is refused.
 */
const inertAnnotations: ReadonlySet<symbol> = new Set([
  SchemaAST.IdentifierAnnotationId,
  SchemaAST.TitleAnnotationId,
  SchemaAST.DescriptionAnnotationId,
  SchemaAST.DocumentationAnnotationId,
  SchemaAST.ExamplesAnnotationId,
  SchemaAST.JSONSchemaAnnotationId,
  SchemaAST.JSONIdentifierAnnotationId,
  SchemaAST.ArbitraryAnnotationId,
  SchemaAST.PrettyAnnotationId,
  SchemaAST.EquivalenceAnnotationId,
  SchemaAST.MessageAnnotationId,
  SchemaAST.MissingMessageAnnotationId,
  SchemaAST.ParseIssueTitleAnnotationId
])

const checkAnnotations = (where: string, annotations: SchemaAST.Annotations, allowed: ReadonlyArray<symbol> = []) => {
  for (const key of Reflect.ownKeys(annotations)) {
    if (typeof key !== "symbol" || !(inertAnnotations.has(key) || allowed.includes(key))) {
      throw new Unsupported(where, `annotation ${String(key)} may change what decoding answers`)
    }
  }
}

const identifierOf = (ast: SchemaAST.AST): string | undefined =>
  Option.getOrUndefined(SchemaAST.getIdentifierAnnotation(ast))

/** Values every check is tried on, beside the literals the checked schema names: one or more of each JS kind. */
const probes: ReadonlyArray<unknown> = [
  undefined,
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  0.5,
  -0.5,
  NaN,
  Infinity,
  -Infinity,
  2 ** 53 - 1,
  2 ** 53,
  -(2 ** 53 - 1),
  -(2 ** 53),
  1e21,
  Number.MIN_VALUE,
  "",
  "a",
  "1",
  "null",
  {},
  [],
  [1],
  10n,
  Symbol.for("probe")
]

/** Strings a date transformation is tried on: valid, impossible and malformed timestamps. */
const dateProbes: ReadonlyArray<string> = [
  "2024-03-08T10:00:00Z",
  "2024-03-08t10:00:00z",
  "2024-03-08 10:00:00Z",
  "2024-03-08T12:00:00.123456+02:00",
  "2024-03-08T12:00:00.5-11:30",
  "2024-02-29T00:00:00Z",
  "2023-02-29T00:00:00Z",
  "2100-02-29T00:00:00Z",
  "2000-02-29T00:00:00Z",
  "2024-02-30T00:00:00Z",
  "2024-13-01T00:00:00Z",
  "2024-12-31T23:59:60Z",
  "0000-01-01T00:00:00Z",
  "0099-06-15T00:00:00Z",
  "9999-12-31T23:59:59.999Z",
  "2024-03-08T10:00:00",
  "2024-03-08T10:00:00.Z",
  "2024-03-08T10:00:00+0200",
  "2024-03-08",
  "",
  "not a date"
]

/** The JS kind of a value, as unions are split by it. */
const kindOf = (value: unknown): string => value === null ? "null" : Array.isArray(value) ? "array" : typeof value

/** Code for a node whose decoded value is its input: a test, written out as disjuncts (each without `||`). */
interface Check {
  readonly _tag: "Check"
  /** The TypeScript type of an accepted value. */
  readonly type: string
  readonly usesDate: boolean
  /** The kinds of input it may accept. */
  readonly kinds: ReadonlySet<string>
  /** What the written code tests, as a function: compared with the Schema decoder on probe values. */
  readonly test: (value: unknown) => boolean
  readonly disjuncts: (x: string) => ReadonlyArray<string>
}

/** Code for a node whose decoded value is new (an object, an array, a date): an expression of `type | Reject`. */
interface Decode {
  readonly _tag: "Decode"
  readonly type: string
  readonly usesDate: boolean
  /** The kinds of input it may accept. */
  readonly kinds: ReadonlySet<string>
  readonly call: (x: string) => string
}

type Code = Check | Decode

const condition = (check: Check, x: string) => check.disjuncts(x).join(" || ")

const propertyKey = (name: string) => /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)
const propertyRead = (object: string, name: string) =>
  /^[A-Za-z_$][\w$]*$/.test(name) ? `${object}.${name}` : `${object}[${JSON.stringify(name)}]`

/** Names the generated module declares itself: a schema identifier may not take them. */
const reservedNames: ReadonlySet<string> = new Set(["Reject", "Decoders", "Mutable", "Fields", "D"])

/** Walks the schemas, collecting the declarations and functions of the generated module. */
class Generator {
  /** Exported types (literal unions, interfaces), in dependency order. */
  readonly types: Array<string> = []
  /** The decoding functions inside `make`, in dependency order. */
  readonly functions: Array<string> = []
  /** Keys that are optional somewhere: see `optionalKeys` in the output. */
  readonly optionalKeys = new Set<string>()
  private readonly compiled = new Map<SchemaAST.AST, Code>()
  private readonly names = new Map<string, SchemaAST.AST>()

  /** Claims `name` (a type's, and its decoder's as `decode${name}`) for `ast`: two nodes may not share one. */
  private claim(name: string, ast: SchemaAST.AST) {
    const holder = this.names.get(name)
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Unsupported(name, "an identifier that is not a TypeScript name")
    if (reservedNames.has(name) || (holder !== undefined && holder !== ast)) {
      throw new Unsupported(name, "two schemas have this identifier, or it is a name the module uses itself")
    }
    this.names.set(name, ast)
  }

  code(ast: SchemaAST.AST): Code {
    const known = this.compiled.get(ast)
    if (known !== undefined) return known
    const code = this.generate(ast)
    if (code._tag === "Check") this.verify(ast, code)
    this.compiled.set(ast, code)
    return code
  }

  private generate(ast: SchemaAST.AST): Code {
    const where = `${identifierOf(ast) ?? ast._tag} (${String(ast)})`
    switch (ast._tag) {
      case "StringKeyword":
      case "NumberKeyword":
      case "BooleanKeyword": {
        checkAnnotations(where, ast.annotations)
        const type = ast._tag === "StringKeyword" ? "string" : ast._tag === "NumberKeyword" ? "number" : "boolean"
        return {
          _tag: "Check",
          type,
          usesDate: false,
          kinds: new Set([type]),
          test: (value) => typeof value === type,
          disjuncts: (x) => [`typeof ${x} === "${type}"`]
        }
      }
      case "UndefinedKeyword":
        checkAnnotations(where, ast.annotations)
        return {
          _tag: "Check",
          type: "undefined",
          usesDate: false,
          kinds: new Set(["undefined"]),
          test: (value) => value === undefined,
          disjuncts: (x) => [`${x} === undefined`]
        }
      case "Literal": {
        checkAnnotations(where, ast.annotations)
        const literal = ast.literal
        if (typeof literal === "bigint") throw new Unsupported(where, "a bigint literal")
        const text = JSON.stringify(literal)
        return {
          _tag: "Check",
          type: text,
          usesDate: false,
          kinds: new Set([kindOf(literal)]),
          test: (value) => value === literal,
          disjuncts: (x) => [`${x} === ${text}`]
        }
      }
      case "Union":
        return this.union(where, ast)
      case "Refinement":
        return this.refinement(where, ast)
      case "TypeLiteral":
        return this.struct(where, ast)
      case "TupleType":
        return this.array(where, ast)
      case "Transformation":
        return this.transformation(where, ast)
      default:
        throw new Unsupported(where, `the generator has no code for a ${ast._tag} node`)
    }
  }

  /** Checks that the code written for a check node accepts exactly what the Schema decoder accepts, unchanged. */
  private verify(ast: SchemaAST.AST, code: Check) {
    const decode = ParseResult.decodeUnknownEither(Schema.make(ast))
    const literals: Array<unknown> = []
    const collect = (node: SchemaAST.AST): void => {
      if (node._tag === "Literal") literals.push(node.literal, `${String(node.literal)} `)
      else if (node._tag === "Union") node.types.forEach(collect)
      else if (node._tag === "Refinement") {
        // a bound read from an annotation is probed on and around it, not only at the fixed probes
        const jsonSchema = Option.getOrUndefined(SchemaAST.getJSONSchemaAnnotation(node))
        const minimum = jsonSchema !== undefined && "minimum" in jsonSchema ? jsonSchema.minimum : undefined
        if (typeof minimum === "number") literals.push(minimum - 1, minimum - 0.5, minimum, minimum + 0.5, minimum + 1)
        collect(node.from)
      }
    }
    collect(ast)
    for (const probe of [...probes, ...literals]) {
      const result = decode(probe)
      const schemaAccepts = Either.isRight(result) && Object.is(result.right, probe)
      if (Either.isRight(result) !== schemaAccepts || code.test(probe) !== schemaAccepts) {
        throw new Unsupported(
          `${identifierOf(ast) ?? ast._tag} (${String(ast)})`,
          `the code it would write answers ${String(code.test(probe))} for ${String(probe)}, the Schema decoder ${
            Either.isRight(result) ? "accepts it" : "refuses it"
          }`
        )
      }
    }
  }

  private union(where: string, ast: SchemaAST.Union): Code {
    checkAnnotations(where, ast.annotations)
    // a union without annotations inside a union (`optional(NullOr(…))`) is read as its members
    const flatten = (union: SchemaAST.Union): ReadonlyArray<SchemaAST.AST> =>
      union.types.flatMap((member) =>
        SchemaAST.isUnion(member) && Reflect.ownKeys(member.annotations).length === 0 ? flatten(member) : [member]
      )
    const members = flatten(ast).map((member) => this.code(member))
    const type = members.map((member) => member.type).join(" | ")
    const usesDate = members.some((member) => member.usesDate)
    const checks = members.filter((member): member is Check => member._tag === "Check")
    const decodes = members.filter((member): member is Decode => member._tag === "Decode")
    if (decodes.length === 0) {
      const literalUnion = checks.every((check) => check.type.startsWith("\""))
      const identifier = identifierOf(ast)
      let named = type
      if (literalUnion && identifier !== undefined) {
        this.claim(identifier, ast)
        this.types.push(`/** \`${identifier}\`, one of its literals. */\nexport type ${identifier} = ${type}`)
        named = identifier
      }
      return {
        _tag: "Check",
        type: named,
        usesDate,
        kinds: new Set(checks.flatMap((check) => [...check.kinds])),
        test: (value) => checks.some((check) => check.test(value)),
        disjuncts: (x) => checks.flatMap((check) => check.disjuncts(x))
      }
    }
    // The Schema tries members in its own order; the code tries the checks first. That answers alike only when
    // no other member accepts a kind of input a decoding member accepts.
    if (decodes.length > 1) throw new Unsupported(where, "a union of more than one decoding member")
    const decode = decodes[0]!
    const checkKinds = new Set(checks.flatMap((check) => [...check.kinds]))
    const overlap = [...decode.kinds].filter((kind) => checkKinds.has(kind))
    if (overlap.length > 0) {
      throw new Unsupported(where, `its members overlap on ${overlap.join(", ")}: the order they are tried in counts`)
    }
    return {
      _tag: "Decode",
      type,
      usesDate,
      kinds: new Set([...decode.kinds, ...checkKinds]),
      call: (x) =>
        checks.length === 0 ?
          decode.call(x) :
          `${checks.map((check) => condition(check, x)).join(" || ")} ? ${x} : ${decode.call(x)}`
    }
  }

  /** A refinement the generator knows by its schema id: Effect 3's `int` and `greaterThanOrEqualTo` on numbers. */
  private refinement(where: string, ast: SchemaAST.Refinement): Code {
    checkAnnotations(where, ast.annotations, [SchemaAST.SchemaIdAnnotationId])
    const from = this.code(ast.from)
    if (from._tag !== "Check" || from.type !== "number") {
      throw new Unsupported(where, "a refinement of something else than a number check")
    }
    const schemaId = Option.getOrUndefined(SchemaAST.getSchemaIdAnnotation(ast))
    let own: { readonly test: (value: number) => boolean; readonly code: (x: string) => string }
    if (schemaId === Schema.IntSchemaId) {
      own = { test: Number.isSafeInteger, code: (x) => `Number.isSafeInteger(${x})` }
    } else if (schemaId === Schema.GreaterThanOrEqualToSchemaId) {
      const jsonSchema = Option.getOrUndefined(SchemaAST.getJSONSchemaAnnotation(ast))
      const minimum = jsonSchema !== undefined && "minimum" in jsonSchema ? jsonSchema.minimum : undefined
      if (typeof minimum !== "number" || !Number.isFinite(minimum)) {
        throw new Unsupported(where, "greaterThanOrEqualTo without a finite minimum in its JSON Schema annotation")
      }
      own = { test: (value) => value >= minimum, code: (x) => `${x} >= ${minimum}` }
    } else {
      throw new Unsupported(where, `a refinement the generator does not know (schema id ${String(schemaId)})`)
    }
    return {
      _tag: "Check",
      type: from.type,
      usesDate: false,
      kinds: from.kinds,
      test: (value) => from.test(value) && typeof value === "number" && own.test(value),
      disjuncts: (x) => from.disjuncts(x).map((disjunct) => `${disjunct} && ${own.code(x)}`)
    }
  }

  private struct(where: string, ast: SchemaAST.TypeLiteral): Code {
    checkAnnotations(where, ast.annotations)
    const name = identifierOf(ast)
    if (name === undefined) throw new Unsupported(where, "a struct without an identifier annotation to name it by")
    if (ast.indexSignatures.length > 0) throw new Unsupported(where, "a struct with an index signature")
    this.claim(name, ast)
    const properties = ast.propertySignatures.map((property, i) => {
      const key = property.name
      const at = `${name}.${String(key)}`
      if (typeof key !== "string") throw new Unsupported(at, "a key that is not a string")
      // `__proto__` or a name Object.prototype has: written as `{ key: v }` or read as `v.key`, it is the prototype's
      if (key === "__proto__" || key in Object.prototype) throw new Unsupported(at, "a key Object.prototype has")
      if (!property.isReadonly) throw new Unsupported(at, "a mutable property")
      checkAnnotations(at, property.annotations)
      const code = this.code(property.type)
      const acceptsUndefined = code.kinds.has("undefined")
      // A required key the type lets be undefined: Effect 3 decodes it when absent, Effect 4 refuses it. An
      // optional key the type does not: absent would need a path of its own. Neither is in the schemas.
      if (acceptsUndefined !== property.isOptional) {
        throw new Unsupported(
          at,
          property.isOptional ? "an exact optional key" : "a required key that may be undefined"
        )
      }
      if (property.isOptional) this.optionalKeys.add(key)
      return {
        key,
        optional: property.isOptional,
        code,
        input: `v${i}`,
        value: code._tag === "Check" ? `v${i}` : `d${i}`
      }
    })
    const usesDate = properties.some((property) => property.code.usesDate)
    const type = usesDate ? `${name}<D>` : name
    this.types.push(
      [
        `/** \`${name}\`, decoded${usesDate ? ": its dates are what the caller's `makeDate` makes" : ""}. */`,
        `export interface ${type} {`,
        ...properties.map(({ code, key, optional }) =>
          `  readonly ${propertyKey(key)}${optional ? "?" : ""}: ${code.type}`
        ),
        "}"
      ].join("\n")
    )
    const body: Array<string> = ["if (!isFields(input)) return Reject"]
    for (const { code, input, key, value } of properties) {
      body.push(`const ${input} = ${propertyRead("input", key)}`)
      if (code._tag === "Check") {
        body.push(`if (!(${condition(code, input)})) return Reject`)
      } else {
        body.push(`const ${value} = ${code.call(input)}`, `if (${value} === Reject) return Reject`)
      }
    }
    const required = properties.filter((property) => !property.optional)
    const optional = properties.filter((property) => property.optional)
    const literal = `{ ${required.map(({ key, value }) => `${propertyKey(key)}: ${value}`).join(", ")} }`
    if (optional.length === 0) {
      body.push(`return ${literal}`)
    } else {
      body.push(`const output: Mutable<${type}> = ${literal}`)
      for (const { input, key, value } of optional) {
        // absent stays absent; present, even as undefined, is decoded like any value
        body.push(
          `if (${input} !== undefined || Object.hasOwn(input, ${JSON.stringify(key)})) ${
            propertyRead("output", key)
          } = ${value}`
        )
      }
      body.push("return output")
    }
    const functionName = `decode${name}`
    this.functions.push(
      `/** \`${name}\`: a plain object (see \`isFields\`) with each key decoded. */\n` +
        `const ${functionName} = (input: unknown): ${type} | Reject => {\n${body.join("\n")}\n}`
    )
    return { _tag: "Decode", type, usesDate, kinds: new Set(["object"]), call: (x) => `${functionName}(${x})` }
  }

  private array(where: string, ast: SchemaAST.TupleType): Code {
    checkAnnotations(where, ast.annotations)
    if (ast.elements.length > 0 || ast.rest.length !== 1) throw new Unsupported(where, "a tuple")
    if (!ast.isReadonly) throw new Unsupported(where, "a mutable array")
    const element = ast.rest[0]!
    checkAnnotations(where, element.annotations)
    const elementName = identifierOf(element.type)
    if (elementName === undefined) {
      throw new Unsupported(where, "an array whose element has no identifier to name it by")
    }
    const code = this.code(element.type)
    this.claim(`ArrayOf${elementName}`, ast)
    const functionName = `decodeArrayOf${elementName}`
    const type = `ReadonlyArray<${code.type}>`
    const item = code._tag === "Check"
      ? ["const item = input[i]", `if (!(${condition(code, "item")})) return Reject`]
      : [`const item = ${code.call("input[i]")}`, "if (item === Reject) return Reject"]
    this.functions.push(
      [
        `/** An array of \`${elementName}\`, decoded into a new array. */`,
        `const ${functionName} = (input: unknown): ${type} | Reject => {`,
        "if (!isArray(input)) return Reject",
        `const output = new Array<${code.type}>(input.length)`,
        "for (let i = 0; i < input.length; i++) {",
        ...item,
        "output[i] = item",
        "}",
        "return output",
        "}"
      ].join("\n")
    )
    return {
      _tag: "Decode",
      type,
      usesDate: code.usesDate,
      kinds: new Set(["array"]),
      call: (x) => `${functionName}(${x})`
    }
  }

  /** A transformation the generator knows by its identifier: `WireDateTime`, RFC 3339 text to a date. */
  private transformation(where: string, ast: SchemaAST.Transformation): Code {
    checkAnnotations(where, ast.annotations)
    if (identifierOf(ast) !== "WireDateTime") {
      throw new Unsupported(where, "a transformation the generator does not know")
    }
    if (ast.from._tag !== "StringKeyword" || identifierOf(ast.to) !== "DateTimeUtcFromSelf") {
      throw new Unsupported(where, "WireDateTime that is no longer a string decoded to DateTimeUtcFromSelf")
    }
    const decode = ParseResult.decodeUnknownEither(Schema.make(ast))
    for (const probe of dateProbes) {
      const millis = parseRfc3339(probe)
      const result = decode(probe)
      const agrees = Either.isRight(result)
        ? millis !== undefined && DateTime.isDateTime(result.right) && DateTime.isUtc(result.right) &&
          result.right.epochMillis === millis
        : millis === undefined
      if (!agrees) {
        throw new Unsupported(where, `it no longer decodes ${JSON.stringify(probe)} as parseRfc3339 reads it`)
      }
    }
    this.claim("WireDateTime", ast)
    this.functions.push(
      [
        "/** `WireDateTime`: RFC 3339 text, read by `parseRfc3339`, to the caller's date. */",
        "const decodeWireDateTime = (input: unknown): D | Reject => {",
        "if (typeof input !== \"string\") return Reject",
        "const millis = parseRfc3339(input)",
        "return millis === undefined ? Reject : makeDate(millis)",
        "}"
      ].join("\n")
    )
    return {
      _tag: "Decode",
      type: "D",
      usesDate: true,
      kinds: new Set(["string"]),
      call: (x) => `decodeWireDateTime(${x})`
    }
  }
}

/**
 * The text, before formatting, of a module with a decoder for each of
 * `entries` (structs, each under its identifier). Throws `Unsupported` for a
 * schema it cannot write a decoder for that answers as the Schema decoder.
 */
export const generateSource = (entries: Readonly<Record<string, Schema.Schema.AnyNoContext>>): string => {
  const generator = new Generator()
  const decoders = Object.entries(entries).map(([name, schema]) => {
    const code = schema.ast._tag === "TypeLiteral" ? generator.code(schema.ast) : undefined
    if (code?._tag !== "Decode" || identifierOf(schema.ast) !== name) {
      throw new Unsupported(name, "an entry point must be a struct named by its identifier")
    }
    return { name, code }
  })
  const optionalKeys = [...generator.optionalKeys].sort()
  return `/**
 * GENERATED FILE, DO NOT EDIT: \`${decoderCommand}\` writes it (packages/core/scripts/generate-decoder.ts)
 * from the Effect 3 line's schemas ${
    decoders.map(({ name }) => `\`${name}\``).join(", ")
  } (packages/core/src/Models.ts).
 * A test in packages/core/test fails when it differs from what the generator writes now.
 *
 * Decoders for valid input, written out ahead of time as plain code: both Effect lines' \`FastDecoder\` run them,
 * on every runtime, Workers and pages under a Content-Security-Policy included. Each answers the decoded value, or
 * \`Reject\` for input it does not accept; the caller then asks its Schema decoder, whose answer, the same value or
 * the error, is the one that counts. Each line's tests check the two against each other on generated input.
 */
import { parseRfc3339 } from "./Rfc3339.js"

/** What a decoder answers for input it leaves to the Schema decoder. */
export const Reject: unique symbol = Symbol.for("@convore/wire/MessageDecoder/Reject")
/** The type of {@link Reject}. */
export type Reject = typeof Reject

${generator.types.join("\n\n")}

/** The decoders \`make\` builds: each answers the decoded value, or \`Reject\`. */
export interface Decoders<D> {
${decoders.map(({ code, name }) => `  readonly ${name}: (input: unknown) => ${code.type} | Reject`).join("\n")}
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** An object's string-keyed values. */
type Fields = { readonly [key: string]: unknown }

const isArray: (value: unknown) => value is ReadonlyArray<unknown> = Array.isArray

/**
 * Whether \`value\` is an object that is not an array, made by a literal or \`JSON.parse\` (its prototype
 * \`Object.prototype\` or null): the Effect lines read a key the prototype chain holds differently, so other
 * objects go to the Schema decoder.
 */
const isFields = (value: unknown): value is Fields => {
  if (typeof value !== "object" || value === null || isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * The keys that are optional somewhere. A program that gave \`Object.prototype\` one of them makes the lines
 * differ (Effect 3 reads an inherited optional key as absent, Effect 4 as present): the decoders then answer
 * \`Reject\`.
 */
const optionalKeys: ReadonlyArray<string> = ${JSON.stringify(optionalKeys)}

/** \`value\`, or \`Reject\` when \`Object.prototype\` holds an optional key. */
const settle = <A>(value: A | Reject): A | Reject =>
  value === Reject || optionalKeys.some((key) => key in Object.prototype) ? Reject : value

/**
 * The decoders, making each date with \`makeDate\` from its epoch milliseconds (\`DateTime.unsafeMake\` on
 * Effect 3, \`DateTime.makeUnsafe\` on Effect 4).
 */
export const make = <D>(makeDate: (millis: number) => D): Decoders<D> => {
${generator.functions.join("\n\n")}

return {
${decoders.map(({ code, name }) => `${name}: (input) => settle(${code.call("input")})`).join(",\n")}
}
}
`
}

/**
 * The generated module's text, formatted by the repository's lint configuration
 * (dprint), so that the checked-in file passes `pnpm lint` as written. Throws
 * when the schemas hold anything the generator does not know, or when the
 * output has a lint error.
 */
export const decoderSource = async (): Promise<string> => {
  const source = generateSource({ Message, PageMessage })
  const eslint = new ESLint({ cwd: fileURLToPath(root), fix: true })
  const [result] = await eslint.lintText(source, { filePath: fileURLToPath(new URL(decoderPath, root)) })
  const errors = result?.messages.filter((message) => message.severity === 2) ?? []
  if (result === undefined || errors.length > 0) {
    throw new Error(
      `generate-decoder: the generated module does not lint:\n${
        errors.map((error) => `${error.line}:${error.column} ${error.message}`).join("\n")
      }`
    )
  }
  return result.output ?? source
}
