import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { format, generator } from "../src/Ulid.js"

const ulid = /^[a-z]+_[0-9a-hjkmnp-tv-z]{26}$/

describe("format", () => {
  it.each([
    ["msg", 0, 0n, "msg_00000000000000000000000000"],
    ["x", 1, 1n, "x_00000000010000000000000001"],
    ["msg", 2 ** 48 - 1, 2n ** 80n - 1n, "msg_7zzzzzzzzzzzzzzzzzzzzzzzzz"]
  ])("writes %s at %d with %d", (prefix, time, random, id) => {
    expect(format(prefix, time, random)).toBe(id)
  })

  it("sorts as the time, then the random bits, sort", () => {
    const part = fc.tuple(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.bigInt({ min: 0n, max: 2n ** 80n - 1n }))
    fc.assert(
      fc.property(part, part, ([timeA, randomA], [timeB, randomB]) => {
        const a = format("msg", timeA, randomA)
        const b = format("msg", timeB, randomB)
        expect(a).toMatch(ulid)
        expect(a < b).toBe(timeA < timeB || (timeA === timeB && randomA < randomB))
      }),
      { numRuns: 500 }
    )
  })
})

describe("generator", () => {
  it("makes the same ids for the same seed and times on every run", () => {
    const next = generator(1)
    expect([
      next("msg", 1_700_000_000_000),
      next("msg", 1_700_000_000_000),
      next("att", 1_699_999_999_999),
      next("msg", 1_700_000_000_001)
    ]).toEqual([
      "msg_01hf7yat00xbsg1ct9s63gdh7b",
      "msg_01hf7yat00xbsg1ct9s63gdh7c",
      "att_01hf7yat00xbsg1ct9s63gdh7d",
      "msg_01hf7yat014zyzfswx5d3zcshg"
    ])
  })

  it("makes ids that increase with every call, whether the time goes forward, stays or goes back", () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { minLength: 2, maxLength: 50 }), (
        seed,
        times
      ) => {
        const next = generator(seed)
        const ids = times.map((time) => next("msg", time).slice(4))
        for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true)
        expect(ids.every((id) => /^[0-9a-hjkmnp-tv-z]{26}$/.test(id))).toBe(true)
      })
    )
  })
})
