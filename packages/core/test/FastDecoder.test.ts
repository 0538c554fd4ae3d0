import { FastDecoder, Message, PageMessage } from "@convore/core"
import * as MessageDecoder from "@convore/wire/MessageDecoder"
import { describe, expect, it } from "@effect/vitest"
import { Arbitrary, DateTime, Either, FastCheck, ParseResult, Schema } from "effect"
import { fullMessage, minimalMessage } from "./fixtures.js"

const fastPage = FastDecoder.make(PageMessage)
const slowPage = Schema.decodeUnknownEither(PageMessage)
const fastMessage = FastDecoder.make(Message)
const slowMessage = Schema.decodeUnknownEither(Message)

/** The generated decoders alone, making dates as this line's `WireDateTime` does. */
const generated = MessageDecoder.make((millis) => DateTime.unsafeMake(millis))

/** The two decoders' answers, in a form `toStrictEqual` compares: the value, or the formatted error. */
const answer = (result: Either.Either<unknown, ParseResult.ParseError>) =>
  Either.isRight(result) ? { value: result.right } : { error: ParseResult.TreeFormatter.formatErrorSync(result.left) }

/** An array of `length` with only the given indexes present. */
const sparse = (length: number, items: Readonly<Record<number, unknown>>): Array<unknown> =>
  Object.assign(new Array<unknown>(length), items)

/** An object with `fields` as its own keys and `prototype` behind them. */
const inheriting = (prototype: object | null, fields: object): object => Object.assign(Object.create(prototype), fields)

/** Values a field may hold that a hand-written check easily gets wrong: odd numbers, impossible dates, odd objects. */
const hostileValues: ReadonlyArray<unknown> = [
  -0,
  NaN,
  Infinity,
  2 ** 53,
  2 ** 53 - 1,
  1.5,
  -1,
  "1",
  "2023-02-29T00:00:00Z",
  "2024-02-29T00:00:00Z",
  "2100-02-29T00:00:00Z",
  "2024-03-08T10:00:00",
  "2024-03-08t10:00:00z",
  sparse(2, { 1: fullMessage.sender }),
  sparse(1, {}),
  inheriting({ id: "inherited" }, {}),
  inheriting(null, fullMessage.sender),
  new Date(0),
  () => "a function"
]

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
  FastCheck.dictionary(FastCheck.string(), FastCheck.string(), { maxKeys: 2 }),
  FastCheck.constantFrom(...hostileValues)
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

/** The dates in a decoded value, wherever they are. */
const datesOf = (value: unknown): ReadonlyArray<unknown> =>
  DateTime.isDateTime(value)
    ? [value]
    : Array.isArray(value)
    ? value.flatMap(datesOf)
    : typeof value === "object" && value !== null
    ? Object.values(value).flatMap(datesOf)
    : []

/**
 * What the generated decoder `decode` does with `input`: it rejects it (the
 * Schema decoder then answers), or it accepts it, and then the Schema decoder
 * accepts it too, with the same value (same keys, absent ones absent, dates
 * `DateTime.Utc` at the same instant).
 */
const generatedAnswer = <A, I>(
  schema: Schema.Schema<A, I>,
  decode: (input: unknown) => A | MessageDecoder.Reject,
  input: unknown
): "rejected" | "accepted" => {
  const fast = decode(input)
  if (fast === MessageDecoder.Reject) return "rejected"
  const slow = Schema.decodeUnknownEither(schema)(input)
  if (Either.isLeft(slow)) {
    throw new Error(`the generated decoder accepted what the Schema decoder refuses: ${String(slow.left)}`)
  }
  expect(fast).toStrictEqual(slow.right)
  expect(Schema.equivalence(schema)(fast, slow.right)).toBe(true)
  const dates = datesOf(fast)
  expect(dates.every((date) => DateTime.isDateTime(date) && DateTime.isUtc(date))).toBe(true)
  expect(dates.map((date) => DateTime.isDateTime(date) && DateTime.toEpochMillis(date))).toEqual(
    datesOf(slow.right).map((date) => DateTime.isDateTime(date) && DateTime.toEpochMillis(date))
  )
  return "accepted"
}

const encodedPages = Arbitrary.make(PageMessage).map((page) =>
  JSON.parse(JSON.stringify(Schema.encodeSync(PageMessage)(page)))
)

/** Encoded pages as a program may hand them over, not through JSON: optional keys may be present as undefined. */
const rawPages = Arbitrary.make(PageMessage).map((page) => Schema.encodeSync(PageMessage)(page))

/** `message` with `key` set to `value`, or removed when `value` is `absent`. */
const absent = Symbol("absent")
const withField = (message: object, key: string, value: unknown): object => {
  const copy: Record<string, unknown> = { ...message }
  if (value === absent) delete copy[key]
  else copy[key] = value
  return copy
}

const attachment = fullMessage.attachments![0]!
const withSize = (size: unknown) => ({ ...fullMessage, attachments: [{ ...attachment, size }] })
const page = (fields: object) => ({ data: [fullMessage, minimalMessage], ...fields })

/** Valid messages of unusual shapes: the generated decoder must take each, with the Schema decoder's value. */
const validMessages: ReadonlyArray<unknown> = [
  fullMessage,
  minimalMessage,
  { ...fullMessage, unknown_field: 1 },
  { ...fullMessage, sender: { ...fullMessage.sender, extra: true } },
  withField(fullMessage, "subject", undefined),
  withField(minimalMessage, "subject", null),
  withField(minimalMessage, "attachments", undefined),
  withField(minimalMessage, "attachments", []),
  withSize(-0),
  withSize(0),
  withSize(2 ** 53 - 1),
  withField(fullMessage, "date", "2024-02-29T00:00:00Z"),
  withField(fullMessage, "date", "2024-03-08t10:00:00.123456789z"),
  withField(fullMessage, "created_at", "0000-01-01T00:00:00+00:01"),
  inheriting(null, fullMessage),
  Object.defineProperty({ ...fullMessage }, "subject", { get: () => "from a getter", enumerable: true })
]

/** Messages broken in one place: the generated decoder may reject each, never accept one the Schema refuses. */
const hostileMessages: ReadonlyArray<unknown> = [
  ...["id", "date", "sender", "recipients", "format"].map((key) => withField(fullMessage, key, absent)),
  ...["id", "direction", "date", "sender", "recipients", "format"].flatMap((key) =>
    [null, undefined, 42, "INBOUND", {}].map((value) => withField(fullMessage, key, value))
  ),
  ...hostileValues.flatMap((value) => [
    withSize(value),
    withField(fullMessage, "date", value),
    withField(fullMessage, "recipients", value),
    withField(fullMessage, "attachments", value),
    withField(fullMessage, "sender", value)
  ]),
  ...["2024-02-30T00:00:00Z", "2024-13-01T00:00:00Z", "2024-03-08T10:00:00+0200", ""].map((date) =>
    withField(fullMessage, "created_at", date)
  ),
  { ...fullMessage, sender: withField(fullMessage.sender, "handle", absent) },
  { ...fullMessage, sender: { ...fullMessage.sender, handle: { type: "fax", value: "1" } } },
  { ...fullMessage, attachments: sparse(1, {}) },
  inheriting(fullMessage, {}),
  inheriting({ subject: "inherited" }, minimalMessage),
  inheriting(Object.create(null), fullMessage),
  new (class Instance {
    readonly id = fullMessage.id
  })(),
  [fullMessage],
  new Map(Object.entries(fullMessage)),
  "a message",
  null,
  undefined
]

/** Pages of unusual shapes, valid and not. */
const validPages: ReadonlyArray<unknown> = [
  page({}),
  page({ next_cursor: null, total_count: null }),
  page({ next_cursor: undefined, total_count: undefined }),
  page({ total_count: -0 }),
  page({ total_count: 2 ** 53 - 1 }),
  { data: [] }
]
const hostilePages: ReadonlyArray<unknown> = [
  ...hostileValues.flatMap((value) => [page({ total_count: value }), page({ next_cursor: value }), { data: value }]),
  { data: sparse(2, { 0: fullMessage }) },
  { next_cursor: null },
  page({ data: [fullMessage, { ...minimalMessage, date: "2023-02-29T00:00:00Z" }] })
]

describe("FastDecoder", () => {
  it("answers as the Schema decoder on the fixtures", () => {
    for (const input of [fullMessage, minimalMessage, { ...fullMessage, unknown_field: 1 }]) {
      expect(answer(fastMessage(input))).toStrictEqual(answer(slowMessage(input)))
      expect(Either.isRight(fastMessage(input))).toBe(true)
    }
  })

  it.prop("answers as the Schema decoder on valid pages", [encodedPages], ([page]) => {
    expect(answer(fastPage(page))).toStrictEqual(answer(slowPage(page)))
  }, { fastCheck: { numRuns: 50 } })

  it.prop(
    "answers as the Schema decoder on pages with one field broken, removed or added",
    [encodedPages, FastCheck.nat(), junk, FastCheck.integer({ min: 0, max: 2 })],
    ([page, pick, replacement, mode]) => {
      const input = mutate(page, pick, replacement, mode)
      expect(answer(fastPage(input))).toStrictEqual(answer(slowPage(input)))
    },
    { fastCheck: { numRuns: 500 } }
  )

  it.prop(
    "answers as the Schema decoder on messages with one field broken, removed or added",
    [FastCheck.nat(), junk, FastCheck.integer({ min: 0, max: 2 }), FastCheck.boolean()],
    ([pick, replacement, mode, full]) => {
      const input = mutate(full ? fullMessage : minimalMessage, pick, replacement, mode)
      expect(answer(fastMessage(input))).toStrictEqual(answer(slowMessage(input)))
    },
    { fastCheck: { numRuns: 1000 } }
  )

  it("answers as the Schema decoder on valid and hostile messages and pages of unusual shapes", () => {
    for (const input of [...validMessages, ...hostileMessages]) {
      expect(answer(fastMessage(input))).toStrictEqual(answer(slowMessage(input)))
    }
    for (const input of [...validPages, ...hostilePages]) {
      expect(answer(fastPage(input))).toStrictEqual(answer(slowPage(input)))
    }
  })
})

describe("FastDecoder, the generated decoder", () => {
  it.prop("takes every valid page, as JSON or as a program builds it, with the Schema decoder's value", [
    FastCheck.oneof(encodedPages, rawPages)
  ], ([page]) => {
    expect(generatedAnswer(PageMessage, generated.PageMessage, page)).toBe("accepted")
  }, { fastCheck: { numRuns: 100 } })

  it.prop(
    "rejects a broken page, or takes it with the Schema decoder's value",
    [encodedPages, FastCheck.nat(), junk, FastCheck.integer({ min: 0, max: 2 })],
    ([page, pick, replacement, mode]) => {
      generatedAnswer(PageMessage, generated.PageMessage, mutate(page, pick, replacement, mode))
    },
    { fastCheck: { numRuns: 500 } }
  )

  it("takes valid messages and pages of unusual shapes, with the Schema decoder's value", () => {
    for (const input of validMessages) expect(generatedAnswer(Message, generated.Message, input)).toBe("accepted")
    for (const input of validPages) expect(generatedAnswer(PageMessage, generated.PageMessage, input)).toBe("accepted")
  })

  it("never takes a hostile message or page the Schema decoder refuses", () => {
    const answers = [
      ...hostileMessages.map((input) => generatedAnswer(Message, generated.Message, input)),
      ...hostilePages.map((input) => generatedAnswer(PageMessage, generated.PageMessage, input))
    ]
    // the lists hold valid input too (2^53 - 1, a leap day, a lowercase date), which the fast path takes
    expect(answers).toContain("accepted")
    expect(answers).toContain("rejected")
  })

  it("leaves input to the Schema decoder while Object.prototype holds an optional key", () => {
    const prototype: Record<string, unknown> = Object.prototype as Record<string, unknown>
    prototype.subject = "inherited"
    try {
      expect(generated.Message(minimalMessage)).toBe(MessageDecoder.Reject)
      expect(generated.PageMessage(page({}))).toBe(MessageDecoder.Reject)
      expect(answer(fastMessage(minimalMessage))).toStrictEqual(answer(slowMessage(minimalMessage)))
    } finally {
      delete prototype.subject
    }
    expect(generatedAnswer(Message, generated.Message, minimalMessage)).toBe("accepted")
  })
})

describe("FastDecoder, observable", () => {
  it("says its fast path is on for the API's models", () => {
    expect([fastPage.compiled, fastPage.reason]).toEqual([true, undefined])
    expect([fastMessage.compiled, fastMessage.reason]).toEqual([true, undefined])
  })

  it("says why when no decoder is generated for a schema, and answers as the Schema decoder", () => {
    const expectSchemaDecoder = <A, I>(schema: Schema.Schema<A, I>) => {
      const decoder = FastDecoder.make(schema)
      expect([decoder.compiled, decoder.reason]).toEqual([
        false,
        "no generated decoder exists for this schema: only Message and PageMessage have one"
      ])
      expect(answer(decoder({}))).toEqual(answer(Schema.decodeUnknownEither(schema)({})))
    }
    expectSchemaDecoder(Schema.Struct({ [Symbol.for("key")]: Schema.String }))
    // known by identity: the same fields under other annotations are another schema
    expectSchemaDecoder(Message.annotations({ description: "a message" }))
  })

  it("takes no fast path when told not to, and says so", () => {
    const decoder = FastDecoder.make(PageMessage, { compile: false })
    expect([decoder.compiled, decoder.reason]).toEqual([false, "turned off (compile: false)"])
    const page = { data: [fullMessage, minimalMessage], next_cursor: null }
    expect(answer(decoder(page))).toEqual(answer(Schema.decodeUnknownEither(PageMessage)(page)))
  })
})
