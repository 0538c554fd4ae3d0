import { describe, expect, it } from "vitest"
import { isRetryableStatus, isServerErrorStatus, titleOf } from "../src/HttpStatus.js"

describe("titleOf", () => {
  it.each([
    [404, "Not Found"],
    [429, "Too Many Requests"],
    [503, "Service Unavailable"],
    [501, "Server Error"],
    [599, "Server Error"],
    [418, "HTTP 418"],
    [600, "HTTP 600"]
  ])("names %d %j", (status, title) => {
    expect(titleOf(status)).toBe(title)
  })
})

describe("isServerErrorStatus", () => {
  it("holds for 500 to 599 only", () => {
    expect([499, 500, 501, 599, 600].map(isServerErrorStatus)).toEqual([false, true, true, true, false])
  })
})

describe("isRetryableStatus", () => {
  it.each([408, 429, 500, 502, 503, 504])("retries %d", (status) => {
    expect(isRetryableStatus(status)).toBe(true)
  })

  it.each([undefined, 200, 400, 401, 404, 409, 418, 422, 501, 505])("does not retry %s", (status) => {
    expect(isRetryableStatus(status)).toBe(false)
  })
})
