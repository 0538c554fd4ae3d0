import { describe, expect, it } from "vitest"
import { parseRfc3339 } from "../src/Rfc3339.js"

describe("parseRfc3339", () => {
  it.each([
    ["2024-03-08T10:00:00Z", Date.UTC(2024, 2, 8, 10)],
    ["2024-03-08t10:00:00z", Date.UTC(2024, 2, 8, 10)],
    ["2024-03-08 10:00:00Z", Date.UTC(2024, 2, 8, 10)],
    ["2024-03-08T10:00:00.123+00:00", Date.UTC(2024, 2, 8, 10, 0, 0, 123)],
    ["2024-03-08T12:00:00.5+02:00", Date.UTC(2024, 2, 8, 10, 0, 0, 500)],
    ["2024-03-08T05:30:00.123456-04:30", Date.UTC(2024, 2, 8, 10, 0, 0, 123)],
    ["2024-02-29T00:00:00Z", Date.UTC(2024, 1, 29)],
    ["0001-01-01T00:00:00Z", new Date(0).setUTCFullYear(1, 0, 1)]
  ])("reads %s", (text, millis) => {
    expect(parseRfc3339(text)).toBe(millis)
  })

  it.each([
    "",
    "2024-03-08",
    "2024-03-08T10:00:00",
    "2024-03-08T10:00Z",
    "2024-13-01T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2024-04-31T00:00:00Z",
    "2024-03-08T24:00:00Z",
    "2024-03-08T10:00:00.Z",
    "2024-03-08T10:00:00+2:00",
    "2024-03-08T10:00:00Zjunk",
    "Fri, 08 Mar 2024 10:00:00 GMT",
    "２０２４-03-08T10:00:00Z"
  ])("refuses %j", (text) => {
    expect(parseRfc3339(text)).toBeUndefined()
  })

  it("agrees with Date.parse on a year of valid timestamps", () => {
    for (let t = Date.UTC(2024, 0, 1); t < Date.UTC(2025, 0, 1); t += 3_599_987) {
      const text = new Date(t).toISOString()
      expect(parseRfc3339(text)).toBe(Date.parse(text))
    }
  })
})
