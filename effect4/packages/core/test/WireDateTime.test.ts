import { parseRfc3339, WireDateTime } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Schema } from "effect"

it("re-exports parseRfc3339 from @convore/wire", () => {
  expect(parseRfc3339("2024-03-08T10:00:00Z")).toBe(Date.UTC(2024, 2, 8, 10))
})

describe("WireDateTime", () => {
  it("encodes back to ISO 8601 in UTC", () => {
    const dateTime = Schema.decodeSync(WireDateTime)("2024-03-08T12:00:00+02:00")
    expect(Schema.encodeSync(WireDateTime)(dateTime)).toBe("2024-03-08T10:00:00.000Z")
    expect(dateTime).toEqual(DateTime.makeUnsafe("2024-03-08T10:00:00Z"))
  })
})
