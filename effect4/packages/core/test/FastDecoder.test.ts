import { describeIssue, FastDecoder, firstIssue, Message, PageMessage } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, Result, Schema } from "effect"
import { fullMessage, minimalMessage } from "./fixtures.js"

const fastPage = FastDecoder.make(PageMessage)
const slowPage = Schema.decodeUnknownResult(PageMessage, { reportInput: true })
const fastMessage = FastDecoder.make(Message)
const slowMessage = Schema.decodeUnknownResult(Message, { reportInput: true })

/** The two decoders' answers, in a form `toEqual` compares: the value, or the formatted error. */
const answer = (result: Result.Result<unknown, Schema.SchemaError>) =>
  Result.isSuccess(result) ? { value: result.success } : { error: result.failure.message }

/** A JSON value that may be anything: the kind of junk a field may hold instead of the right type. */
const junk = Schema.Union([
  Schema.Null,
  Schema.Undefined,
  Schema.String,
  Schema.Int,
  Schema.Number,
  Schema.Boolean,
  Schema.Literals(["2024-02-30T00:00:00Z", "inbound"]),
  Schema.Array(Schema.String).check(Schema.isMaxLength(2)),
  Schema.Record(Schema.String, Schema.String).check(Schema.isMaxProperties(2))
])

/** Which field `mutate` picks, what it puts there, and how: 0 deletes, 1 adds a sibling, 2 replaces. */
const pick = Schema.Natural
const mode = Schema.Literals([0, 1, 2])

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

const encodedPages = Arbitrary.schema(PageMessage).pipe(
  Arbitrary.map((page): unknown => JSON.parse(JSON.stringify(Schema.encodeSync(PageMessage)(page))))
)

describe("FastDecoder", () => {
  it("answers as the Schema decoder on the fixtures", () => {
    for (const input of [fullMessage, minimalMessage, { ...fullMessage, unknown_field: 1 }]) {
      expect(answer(fastMessage(input))).toEqual(answer(slowMessage(input)))
      expect(Result.isSuccess(fastMessage(input))).toBe(true)
    }
  })

  it.prop("answers as the Schema decoder on valid pages", [encodedPages], ([page]) => {
    expect(answer(fastPage(page))).toEqual(answer(slowPage(page)))
  }, { arbitrary: { runs: 50 } })

  it.prop(
    "answers as the Schema decoder on pages with one field broken, removed or added",
    [encodedPages, pick, junk, mode],
    ([page, pick, replacement, mode]) => {
      const input = mutate(page, pick, replacement, mode)
      expect(answer(fastPage(input))).toEqual(answer(slowPage(input)))
    },
    { arbitrary: { runs: 500 } }
  )

  it.prop(
    "answers as the Schema decoder on messages with one field broken, removed or added",
    [pick, junk, mode, Schema.Boolean],
    ([pick, replacement, mode, full]) => {
      const input = mutate(full ? fullMessage : minimalMessage, pick, replacement, mode)
      expect(answer(fastMessage(input))).toEqual(answer(slowMessage(input)))
    },
    { arbitrary: { runs: 1000 } }
  )

  it("reports the refused value, so that the client's messages name it", () => {
    const result = fastMessage({ ...fullMessage, id: 42 })
    expect(Result.isFailure(result) && describeIssue(firstIssue(result.failure))).toBe(
      "at id: Expected string, actual 42"
    )
  })
})

describe("FastDecoder, observable", () => {
  it("says that this line has no compiled fast path, and why", () => {
    expect([fastPage.compiled, fastPage.reason]).toEqual([
      false,
      "the Effect 4 line has no compiled fast path yet: every value goes through the Schema decoder"
    ])
    expect(fastMessage.compiled).toBe(false)
  })

  it("answers as the Schema decoder for any schema", () => {
    const schema = Schema.Struct({ [Symbol.for("key")]: Schema.String })
    const decoder = FastDecoder.make(schema)
    expect(decoder.compiled).toBe(false)
    expect(answer(decoder({}))).toEqual(answer(Schema.decodeUnknownResult(schema, { reportInput: true })({})))
  })

  it("says when it was told not to compile", () => {
    const decoder = FastDecoder.make(PageMessage, { compile: false })
    expect([decoder.compiled, decoder.reason]).toEqual([false, "turned off (compile: false)"])
    const page = { data: [fullMessage, minimalMessage], next_cursor: null }
    expect(answer(decoder(page))).toEqual(answer(slowPage(page)))
  })
})
