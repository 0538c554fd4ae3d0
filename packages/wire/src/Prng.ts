/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives
 * the same sequence on every run, for ids, fixtures and injected faults.
 */

/** A generator of 32-bit unsigned integers from `seed`. */
export const uint32 = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
  return (t ^ (t >>> 14)) >>> 0
}

/** A generator of numbers in [0, 1) from `seed`. */
export const float = (seed: number) => {
  const next = uint32(seed)
  return () => next() / 4294967296
}
