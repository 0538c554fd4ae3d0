/**
 * `@convore/client/WireJson` is `@convore/wire`'s module, re-exported under
 * the client's name (its own cases live in packages/wire/test/WireJson.test.ts).
 */
import { WireJson } from "@convore/client"
import * as Wire from "@convore/wire/WireJson"
import { describe, expect, it } from "@effect/vitest"

describe("WireJson", () => {
  it("remember and of keep a value's wire JSON beside it, out of its JSON", () => {
    expect(WireJson.remember).toBe(Wire.remember)
    expect(WireJson.of).toBe(Wire.of)
    const json = { id: "msg_1", extra: true }
    const value = WireJson.remember({ id: "msg_1" }, json)
    expect(WireJson.of(value)).toBe(json)
    expect(JSON.stringify(value)).toBe(`{"id":"msg_1"}`)
  })

  it("stringify writes a value nested past the call stack", () => {
    expect(WireJson.stringify).toBe(Wire.stringify)
    const text = "[".repeat(100_000) + "]".repeat(100_000)
    expect(WireJson.stringify(JSON.parse(text))).toBe(text)
  })
})
