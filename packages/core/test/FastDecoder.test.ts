import { FastDecoder, Message, PageMessage } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Either, FastCheck, ParseResult, Schema } from "effect"
import { fullMessage, minimalMessage } from "./fixtures.js"

const fastPage = FastDecoder.make(PageMessage)
const slowPage = Schema.decodeUnknownEither(PageMessage)
const fastMessage = FastDecoder.make(Message)
const slowMessage = Schema.decodeUnknownEither(Message)

/** The two decoders' answers, in a form `toEqual` compares: the value, or the formatted error. */
const answer = (result: Either.Either<unknown, ParseResult.ParseError>) =>
  Either.isRight(result) ? { value: result.right } : { error: ParseResult.TreeFormatter.formatErrorSync(result.left) }

/** A JSON value that may be anything: the kind of junk a field may hold instead of the right type. */
const junk = FastCheck.oneof(
  FastCheck.constant(null),
  FastCheck.constant(undefined),
  FastCheck.string(),
  FastCheck.integer(),
  FastCheck.double(),
  FastCheck.boolean(),
  FastCheck.constant("2024-02-30T00:00:00Z"),
  FastCheck.constant("inbound"),
  FastCheck.array(FastCheck.string(), { maxLength: 2 }),
  FastCheck.dictionary(FastCheck.string(), FastCheck.string(), { maxKeys: 2 })
)

/** Replaces, deletes or adds one field somewhere in a JSON value, chosen by `pick`. */
const mutate = (value: unknown, pick: number, replacement: unknown, mode: number): unknown => {
  const paths: Array<ReadonlyArray<string | number>> = []
  const walk = (node: unknown, path: ReadonlyArray<string | number>) => {
    paths.push(path)
    if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]))
    else if (typeof node === "object" && node !== null) {
      for (const [k, v] of Object.entries(node)) walk(v, [...path, k])
    }
  }
  walk(value, [])
  const path = paths[pick % paths.length]!
  const copy = structuredClone(value)
  if (path.length === 0) return replacement
  let parent = copy as Record<string | number, unknown>
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>
  const last = path[path.length - 1]!
  if (mode === 0 && !Array.isArray(parent)) delete parent[last]
  else if (mode === 1) parent[`extra_${String(last)}`] = replacement
  else parent[last] = replacement
  return copy
}

const encodedPages = Arbitrary.make(PageMessage).map((page) =>
  JSON.parse(JSON.stringify(Schema.encodeSync(PageMessage)(page)))
)

describe("FastDecoder", () => {
  it("answers as the Schema decoder on the fixtures", () => {
    for (const input of [fullMessage, minimalMessage, { ...fullMessage, unknown_field: 1 }]) {
      expect(answer(fastMessage(input))).toEqual(answer(slowMessage(input)))
      expect(Either.isRight(fastMessage(input))).toBe(true)
    }
  })

  it.prop("answers as the Schema decoder on valid pages", [encodedPages], ([page]) => {
    expect(answer(fastPage(page))).toEqual(answer(slowPage(page)))
  }, { fastCheck: { numRuns: 50 } })

  it.prop(
    "answers as the Schema decoder on pages with one field broken, removed or added",
    [encodedPages, FastCheck.nat(), junk, FastCheck.integer({ min: 0, max: 2 })],
    ([page, pick, replacement, mode]) => {
      const input = mutate(page, pick, replacement, mode)
      expect(answer(fastPage(input))).toEqual(answer(slowPage(input)))
    },
    { fastCheck: { numRuns: 500 } }
  )

  it.prop(
    "answers as the Schema decoder on messages with one field broken, removed or added",
    [FastCheck.nat(), junk, FastCheck.integer({ min: 0, max: 2 }), FastCheck.boolean()],
    ([pick, replacement, mode, full]) => {
      const input = mutate(full ? fullMessage : minimalMessage, pick, replacement, mode)
      expect(answer(fastMessage(input))).toEqual(answer(slowMessage(input)))
    },
    { fastCheck: { numRuns: 1000 } }
  )
})

describe("FastDecoder, observable", () => {
  it("says its fast path is compiled for the API's models", () => {
    expect([fastPage.compiled, fastPage.reason]).toEqual([true, undefined])
    expect(fastMessage.compiled).toBe(true)
  })

  it("says why when it cannot compile, and answers as the Schema decoder", () => {
    const schema = Schema.Struct({ [Symbol.for("key")]: Schema.String })
    const decoder = FastDecoder.make(schema)
    expect(decoder.compiled).toBe(false)
    expect(decoder.reason).toContain("the compiler leaves to Schema")
    expect(answer(decoder({}))).toEqual(answer(Schema.decodeUnknownEither(schema)({})))
  })
  it("never generates code when told not to compile, and says so", () => {
    const decoder = FastDecoder.make(PageMessage, { compile: false })
    expect([decoder.compiled, decoder.reason]).toEqual([false, "turned off (compile: false)"])
    const page = { data: [fullMessage, minimalMessage], next_cursor: null }
    expect(answer(decoder(page))).toEqual(answer(Schema.decodeUnknownEither(PageMessage)(page)))
  })
})
