import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { float, uint32 } from "../src/Prng.js"

const take = <A>(next: () => A, count: number): Array<A> => Array.from({ length: count }, next)

describe("uint32", () => {
  it("gives the same sequence for a seed on every run", () => {
    expect(take(uint32(1), 4)).toEqual([2693262067, 11749833, 2265367787, 4213581821])
  })

  it("gives 32-bit unsigned integers, the same for the same seed and others for another", () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const numbers = take(uint32(seed), 50)
        expect(numbers.every((n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32)).toBe(true)
        expect(take(uint32(seed), 50)).toEqual(numbers)
        expect(take(uint32(seed + 1), 50)).not.toEqual(numbers)
      })
    )
  })
})

describe("float", () => {
  it("gives the same sequence for a seed on every run", () => {
    expect(take(float(42), 2)).toEqual([0.6011037519201636, 0.44829055899754167])
  })

  it("gives numbers in [0, 1), spread over the range", () => {
    const numbers = take(float(7), 10_000)
    expect(numbers.every((n) => n >= 0 && n < 1)).toBe(true)
    for (let tenth = 0; tenth < 10; tenth++) {
      const inTenth = numbers.filter((n) => Math.floor(n * 10) === tenth).length
      expect(inTenth).toBeGreaterThan(800)
      expect(inTenth).toBeLessThan(1200)
    }
  })
})
