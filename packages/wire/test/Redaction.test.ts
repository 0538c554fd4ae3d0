/**
 * Redaction in both directions: the key is replaced wherever it stands as a
 * token (as it is, JSON-escaped, percent-encoded; in a header, a query, JSON,
 * next to punctuation, repeated), and text that is not the key is never
 * changed, with keys of one character, of three (`dev`, the README's) and
 * longer.
 */
import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { placeholder, scrubber, unmistakable } from "../src/Redaction.js"

const scrub = (key: string, text: string) => scrubber(key)(text)

/** Characters ids and words are made of, as the scrubber reads them. */
const word = "[\\p{L}\\p{N}\\p{M}_-]"

/**
 * Whether `key` stands in `text` as a token (or at all, for a key too long to
 * occur by chance): an oracle written apart from the scrubber, with
 * lookarounds around the key escaped, for texts without percent or JSON
 * escapes.
 */
const standsIn = (text: string, key: string) =>
  key.length >= unmistakable
    ? text.includes(key)
    : new RegExp(`(?<!${word})${key.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&")}(?!${word})`, "u").test(text)

const longKey = "sk_live_s3cr3t_do_not_print"
const printable = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i))
/** Characters no id or word is made of; `%` and `\` are left to the escape cases below. */
const separators = [..." \n\t“”«»—\u00a0", ...printable.filter((c) => !/[\p{L}\p{N}_%\\-]/u.test(c))]
const wordy = [..."abkzAZ09_-éß", "\u0301"]

const keyOf = (chars: ReadonlyArray<string>, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength: 1, maxLength })
const textOf = (chars: ReadonlyArray<string>, minLength: number) =>
  fc.string({ unit: fc.constantFrom(...chars), minLength, maxLength: 4 })
/** A piece of `key`, as ids and words may hold one. */
const fragmentOf = (key: string) =>
  fc.tuple(fc.nat(key.length), fc.nat(key.length)).map(([a, b]) => key.slice(a, a + b))

describe("text that is not the key is never changed", () => {
  it.each([
    ["k", "no message has id msg_01hrak7q2bx9m4c8d6e0f1g2k8"],
    ["k", `{"detail":"no message has id msg_k","type":"convore_chat","id":"k_1","x-k":"k-k","kk":"kk"}`],
    ["r", "no message has id msg_01hr4bxdh000asrdr000wjgpr8 (request req_r)"],
    ["dev", "device development devices dev_team usr_dev-ops mydev dev2 2dev é-dev devé devdev"],
    ["dev", "GET /v1/messages?conversation_id=cnv_dev_1&cursor=devdev"],
    ["dev", String.raw`Adev %41dev dev%41 dev%c3%a9 %C3%A9dev \u0041dev dev\u0041 \u00e9dev`],
    ["dev", String.raw`{"path":"C:\\ndev"}`],
    ["ew", String.raw`{"path":"C:\\new"}`],
    ["a.*+?(b)", "a.*+?(b)c xa.*+?(b) aXXXb ab a.b"],
    ["sk_test_42", "sk_test_420 xsk_test_42 sk_test_4 sk_test_ sk_test_42-b"],
    [longKey.slice(0, unmistakable - 1), `req_${longKey.slice(0, unmistakable - 1)}x`],
    [longKey, `sk_live_ s3cr3t ${longKey.slice(0, -1)} req_${longKey.slice(1)} ${longKey.slice(0, -1)}X`]
  ])("with the key %j: %s", (key, text) => {
    expect(scrub(key, text)).toBe(text)
  })

  it("with the empty key (which the options refuse), any text", () => {
    expect(scrub("", "Bearer  and a key")).toBe("Bearer  and a key")
  })

  it("with a key shorter than 16 characters, a text in which it stands nowhere as a token", () => {
    fc.assert(
      fc.property(
        keyOf(printable.filter((c) => c !== "%" && c !== "\\"), unmistakable - 1).chain((key) =>
          fc.tuple(
            fc.constant(key),
            fc.array(
              fc.oneof(
                fc.tuple(textOf(wordy, 1), textOf(wordy, 0)).map(([a, b]) => a + key + b),
                fc.tuple(textOf(wordy, 0), textOf(wordy, 1)).map(([a, b]) => a + key + b),
                fragmentOf(key),
                textOf(wordy, 1),
                textOf(separators, 1)
              ),
              { maxLength: 8 }
            ).map((pieces) => pieces.join(""))
          )
        ),
        ([key, text]) => {
          expect(standsIn(text, key) || scrub(key, text) === text).toBe(true)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe("the key is replaced wherever it stands as a token", () => {
  const keys = ["k", "dev", "sk_test_42", ".k", "k.", "-dev-", "(k)", String.raw`a"b\c/d+e~!'*`, "50%off", longKey]
  const encodings: ReadonlyArray<readonly [string, (key: string) => string]> = [
    ["as it is", (key) => key],
    ["JSON-escaped", (key) => JSON.stringify(key).slice(1, -1)],
    ["percent-encoded", encodeURIComponent],
    ["form-encoded", (key) => new URLSearchParams([["", key]]).toString().slice(1)]
  ]
  const texts = [
    "Authorization: Bearer KEY",
    "?api_key=KEY&x=1",
    `{"key":"KEY"}`,
    "KEY",
    "KEY is the key",
    "the key is KEY",
    "(KEY)",
    "KEY.",
    "'KEY'",
    "<KEY>",
    "[KEY]",
    "KEY,KEY;KEY KEY",
    "Bearer%20KEY",
    "%22KEY%22",
    String.raw`"line\nKEY\tend"`,
    String.raw`\u0020KEY\u0022`,
    String.raw`\\\nKEY`,
    "x=KEY\n"
  ]
  it.each(keys)("the key %j", (key) => {
    for (const [how, encode] of encodings) {
      for (const text of texts) {
        expect([how, scrub(key, text.replaceAll("KEY", encode(key)))]).toEqual([
          how,
          text.replaceAll("KEY", placeholder)
        ])
      }
    }
  })

  it.each([
    [".k", ".k.k", "<redacted><redacted>"],
    ["k.", "k.k.", "<redacted><redacted>"],
    ["k.", "k.k.x", "k.k.x"],
    [".k", "x.k.k", "x.k.k"],
    [".k", ".k.kx", "<redacted>.kx"],
    ["dev", "dev dev\tdev", "<redacted> <redacted>\t<redacted>"],
    ["a.a", "a.a.a", "<redacted>.a"],
    ["k", "“k” «k» —k\u00a0k", "“<redacted>” «<redacted>» —<redacted>\u00a0<redacted>"],
    ["dev", "%3Ddev%26 %2fdev", "%3D<redacted>%26 %2f<redacted>"]
  ])("the key %j in %j", (key, text, scrubbed) => {
    expect(scrub(key, text)).toBe(scrubbed)
  })

  it("replaces a key of 16 characters or more even glued to an id, as no unrelated text holds one by chance", () => {
    expect(scrub(longKey, `req_${longKey}x`)).toBe("req_<redacted>x")
    expect(scrub(longKey.slice(0, unmistakable), `req_${longKey.slice(0, unmistakable)}`)).toBe("req_<redacted>")
  })

  it("a key between any separators, none of which it holds, is replaced and nothing else", () => {
    fc.assert(
      fc.property(
        keyOf(printable, 30).chain((key) => {
          const around = separators.filter((c) => !key.includes(c))
          return fc.tuple(
            fc.constant(key),
            textOf(around, 0),
            fc.array(textOf(around, 1), { maxLength: 4 }),
            textOf(around, 0)
          )
        }),
        ([key, first, inner, last]) => {
          const parts = [first, ...inner, last]
          expect(scrub(key, parts.join(key))).toBe(parts.join(placeholder))
        }
      ),
      { numRuns: 500 }
    )
  })

  it("in any text of keys, pieces of keys, words and separators, the key survives nowhere as a token", () => {
    fc.assert(
      fc.property(
        keyOf(printable.filter((c) => c !== "%" && c !== "\\"), 24).chain((key) =>
          fc.tuple(
            fc.constant(key),
            fc.array(
              fc.oneof(fc.constant(key), fragmentOf(key), textOf(wordy, 1), textOf(separators, 1)),
              { maxLength: 10 }
            ).map((pieces) => pieces.join(""))
          )
        ),
        ([key, text]) => {
          // the placeholder read as a space, which no key holds: a key spelled like a part of the placeholder
          // (`redacted`) is not taken for a survivor
          expect(standsIn(scrub(key, text).split(placeholder).join(" "), key)).toBe(false)
        }
      ),
      { numRuns: 500 }
    )
  })
})

describe("the scrubber's cost", () => {
  it("stays linear in the text, on texts made of near-misses and of escapes", () => {
    expect(scrub("k", "k".repeat(200_000))).toHaveLength(200_000)
    expect(scrub("k", "k ".repeat(100_000))).toBe(`${placeholder} `.repeat(100_000))
    expect(scrub("k.", "k.".repeat(100_000))).toBe(placeholder.repeat(100_000))
    const escapedBackslashes = String.raw`\\\\nk`.repeat(40_000)
    expect(scrub("k", escapedBackslashes)).toBe(escapedBackslashes)
    expect(scrub("k", String.raw`\\\nk`.repeat(40_000))).toBe(String.raw`\\\n${placeholder}`.repeat(40_000))
    expect(scrub("aa", "a".repeat(200_000))).toHaveLength(200_000)
    expect(scrub(longKey, longKey.slice(0, -1).repeat(20_000))).toHaveLength((longKey.length - 1) * 20_000)
  })
})

describe("scrubber of a key with a lone surrogate", () => {
  it("is made without throwing, and replaces the key as it is and JSON-escaped", () => {
    const scrub = scrubber("key\uD800secret")
    expect(scrub("Bearer key\uD800secret")).toBe("Bearer <redacted>")
    expect(scrub(JSON.stringify({ key: "key\uD800secret" }))).toBe("{\"key\":\"<redacted>\"}")
  })
})
