import { describe, expect, it } from "vitest"
import { retryAfterMillis } from "../src/RetryAfter.js"

const now = Date.UTC(2024, 2, 8, 10)

describe("retryAfterMillis", () => {
  it("reads seconds, milliseconds and HTTP dates", () => {
    expect(retryAfterMillis({ "retry-after": "3" }, now)).toBe(3_000)
    expect(retryAfterMillis({ "retry-after": " 1.5 " }, now)).toBe(1_500)
    expect(retryAfterMillis({ "retry-after-ms": "250" }, now)).toBe(250)
    expect(retryAfterMillis({ "retry-after-ms": "250", "retry-after": "3" }, now)).toBe(250)
    expect(retryAfterMillis({ "retry-after": new Date(now + 5_000).toUTCString() }, now)).toBe(5_000)
    expect(retryAfterMillis({ "retry-after": new Date(now - 5_000).toUTCString() }, now)).toBe(0)
  })

  it("ignores what it cannot read", () => {
    expect(retryAfterMillis({}, now)).toBeUndefined()
    expect(retryAfterMillis({ "retry-after": "soon" }, now)).toBeUndefined()
    expect(retryAfterMillis({ "retry-after": "-1" }, now)).toBeUndefined()
    expect(retryAfterMillis({ "retry-after": "" }, now)).toBeUndefined()
  })

  it("falls back to retry-after when retry-after-ms is not a number", () => {
    expect(retryAfterMillis({ "retry-after-ms": "-5", "retry-after": "2" }, now)).toBe(2_000)
  })
})
