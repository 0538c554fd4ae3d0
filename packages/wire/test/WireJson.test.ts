import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { of, remember, stringify } from "../src/WireJson.js"

/** `depth` arrays and objects nested around `bottom`, built without recursion. */
const nested = (depth: number, bottom: unknown): unknown => {
  let value = bottom
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { v: value }
  return value
}

/** The JSON text of {@link nested}, built without recursion. */
const nestedText = (depth: number, bottom: string): string => {
  let open = ""
  let close = ""
  for (let i = depth - 1; i >= 0; i--) {
    open += i % 2 === 0 ? "[" : `{"v":`
    close = (i % 2 === 0 ? "]" : "}") + close
  }
  return open + bottom + close
}

describe("remember and of", () => {
  it("keep the wire JSON beside a value, invisible to JSON, spread, keys and equality", () => {
    const json = { id: "msg_1", text: "hi", unknown_field: [1, 2] }
    const value = { id: "msg_1", text: "hi" }
    expect(remember(value, json)).toBe(value)
    expect(of(value)).toBe(json)
    expect(JSON.stringify(value)).toBe(`{"id":"msg_1","text":"hi"}`)
    expect(Object.keys(value)).toEqual(["id", "text"])
    expect(of({ ...value })).toBeUndefined()
    expect(value).toStrictEqual({ id: "msg_1", text: "hi" })
  })

  it("keep it under the registered symbol both lines read", () => {
    const value = remember({}, "wire")
    expect((value as Record<symbol, unknown>)[Symbol.for("@convore/client/WireJson")]).toBe("wire")
  })

  it("of a value nothing was kept for is undefined", () => {
    expect(of({ id: "msg_1" })).toBeUndefined()
    expect(of([])).toBeUndefined()
  })
})

describe("stringify", () => {
  it("writes any JSON value as JSON.stringify does", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(stringify(value)).toBe(JSON.stringify(value))
      }),
      { numRuns: 500 }
    )
  })

  it("writes a value nested past the call stack whole, as JSON.parse read it", () => {
    const text = nestedText(100_000, `"bottom"`)
    expect(() => JSON.stringify(JSON.parse(text))).toThrow(RangeError)
    expect(stringify(JSON.parse(text))).toBe(text)
  })

  it("leaves out undefined and function fields at any depth, as JSON.stringify does", () => {
    const bottom = { a: undefined, f: () => 1, b: [1, "x", null, true, { "k\"": -0.5 }], c: {} }
    expect(stringify(nested(100_000, bottom))).toBe(
      nestedText(100_000, JSON.stringify(bottom))
    )
    expect(JSON.stringify(bottom)).toBe(`{"b":[1,"x",null,true,{"k\\"":-0.5}],"c":{}}`)
  })

  it("lets an error other than the stack's through", () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => stringify(cyclic)).toThrow(TypeError)
  })
})
