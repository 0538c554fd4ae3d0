/**
 * The seeded generators are `@convore/wire`'s (their own cases live in
 * packages/wire/test): `Prng` re-exported under the testing package's name,
 * and ids made at the `Clock`'s time, so that tests under `TestClock` get the
 * same ids every run.
 */
import { Prng } from "@convore/testing"
import * as WirePrng from "@convore/wire/Prng"
import * as WireUlid from "@convore/wire/Ulid"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { TestClock } from "effect/testing"
import * as Ulid from "../src/Ulid.js"

describe("Prng", () => {
  it("uint32 and float are the wire's seeded sequences", () => {
    expect(Prng.uint32).toBe(WirePrng.uint32)
    expect(Prng.float).toBe(WirePrng.float)
    const next = Prng.uint32(1)
    expect([next(), next()]).toEqual([2693262067, 11749833])
  })
})

describe("Ulid", () => {
  it.effect("makes ids at the Clock's time, the same every run under TestClock", () =>
    Effect.gen(function*() {
      const next = Ulid.generator(1)
      const expected = WireUlid.generator(1)
      expect(yield* next("msg")).toBe(expected("msg", 0))
      expect(yield* next("msg")).toBe(expected("msg", 0))
      yield* TestClock.adjust("1500 millis")
      const later = yield* next("msg")
      expect(later).toBe(expected("msg", 1500))
      expect(later.slice(4, 14)).toBe(WireUlid.format("msg", 1500, 0n).slice(4, 14))
    }))
})
