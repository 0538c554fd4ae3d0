import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { declaredLength, isIdentity, prefixText } from "../src/BodyBytes.js"

const utf8 = new TextEncoder()

/** The chunks as one array of bytes. */
const concat = (chunks: ReadonlyArray<Uint8Array>): Uint8Array => {
  const whole = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0))
  let offset = 0
  for (const chunk of chunks) {
    whole.set(chunk, offset)
    offset += chunk.length
  }
  return whole
}

describe("declaredLength", () => {
  it.each([
    ["0", 0],
    ["42", 42],
    [" 42 ", 42],
    ["\t7\t", 7],
    ["1048576", 1_048_576]
  ])("reads %j as %d", (value, length) => {
    expect(declaredLength(value)).toBe(length)
  })

  it.each([undefined, "", " ", "-1", "+1", "1.5", "12abc", "0x10", "1e3", "1, 2", "٣"])(
    "declares nothing with %j",
    (value) => {
      expect(declaredLength(value)).toBeUndefined()
    }
  )
})

describe("isIdentity", () => {
  it.each([undefined, "identity", " Identity ", "IDENTITY"])("%j leaves the body as it is", (value) => {
    expect(isIdentity(value)).toBe(true)
  })

  it.each(["gzip", "br", "deflate", "gzip, identity", "identityx"])("%j does not", (value) => {
    expect(isIdentity(value)).toBe(false)
  })
})

describe("prefixText", () => {
  it("is the text of the first bytes of the chunks, wherever they are cut", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 6 }), fc.nat(300), (chunks, limit) => {
        expect(prefixText(chunks, limit)).toBe(new TextDecoder().decode(concat(chunks).subarray(0, limit)))
      }),
      { numRuns: 500 }
    )
  })

  it("keeps whole characters and marks one cut in the middle", () => {
    const chunks = [utf8.encode("caf"), utf8.encode("é ok")]
    expect(prefixText(chunks, 100)).toBe("café ok")
    expect(prefixText(chunks, 5)).toBe("café")
    expect(prefixText(chunks, 4)).toBe("caf\ufffd")
    expect(prefixText(chunks, 0)).toBe("")
    expect(prefixText([], 10)).toBe("")
  })

  it("reads nothing with a bound below zero", () => {
    expect(prefixText([utf8.encode("text")], -1)).toBe("")
  })
})
