import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { idempotencyKeyPattern, idempotencyKeyRule, pathIdProblem, wellFormedProblem } from "../src/RequestRules.js"

const loneSurrogateProblem = "a lone UTF-16 surrogate cannot be sent in a URL (the string is not well-formed)"

describe("wellFormedProblem", () => {
  it.each(["", "msg_1", "a\uD83D\uDE00b", "\uD83D\uDE00"])("lets %j through", (text) => {
    expect(wellFormedProblem(text)).toBeUndefined()
  })

  it.each(["\uD800", "msg_\uD800x", "c\uDC00", "\uDE00\uD83D", "a\uD83D"])("refuses %j", (text) => {
    expect(wellFormedProblem(text)).toBe(loneSurrogateProblem)
  })

  it("refuses exactly what encodeURIComponent cannot encode", () => {
    const unit = fc.oneof(fc.integer({ min: 0xd800, max: 0xdfff }), fc.integer({ min: 0x20, max: 0x7e }))
      .map((code) => String.fromCharCode(code))
    fc.assert(fc.property(fc.string({ unit, maxLength: 8 }), (text) => {
      let encodable = true
      try {
        encodeURIComponent(text)
      } catch {
        encodable = false
      }
      expect(wellFormedProblem(text) === undefined).toBe(encodable)
    }))
  })
})

describe("pathIdProblem", () => {
  it.each(["msg_1", "a".repeat(255), "ünïcode", "a b", "a\uD83D\uDE00"])("lets %j through", (id) => {
    expect(pathIdProblem(id)).toBeUndefined()
  })

  it.each([
    ["", "an id must be a non-empty string"],
    [".", "an id cannot be \".\""],
    ["..", "an id cannot be \"..\""],
    ["a".repeat(256), "an id has at most 255 characters, got 256"],
    ["a/b", "an id cannot contain \"/\""],
    ["%2F", "an id cannot contain \"%\""],
    ["a?x=1", "an id cannot contain \"?\""],
    ["a#b", "an id cannot contain \"#\""],
    ["a\u0000b", "an id cannot contain \"\\u0000\""],
    ["a\nb", "an id cannot contain \"\\n\""],
    ["a\u007f", "an id cannot contain \"\u007f\""],
    ["msg_\uD800x", loneSurrogateProblem]
  ])("refuses %j", (id, problem) => {
    expect(pathIdProblem(id)).toBe(problem)
  })
})

describe("idempotencyKeyPattern", () => {
  it.each([" ", "key-1", "~", "a".repeat(255)])("matches %j", (key) => {
    expect(idempotencyKeyPattern.test(key)).toBe(true)
  })

  it.each(["", "a".repeat(256), "clé", "a\nb", "\u007f", "\u001f"])("refuses %j", (key) => {
    expect(idempotencyKeyPattern.test(key)).toBe(false)
  })

  it("is told in a sentence", () => {
    expect(idempotencyKeyRule).toBe("an idempotency key is 1 to 255 printable ASCII characters")
  })
})
