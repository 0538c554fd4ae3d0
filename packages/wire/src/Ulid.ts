/**
 * Ids that look like Convore's: a prefix and a lowercase ULID (48 bits of
 * milliseconds, 80 random bits, Crockford base 32), monotonic within a
 * millisecond, from a seeded generator, so that the same times give the same
 * ids every run.
 */
import * as Prng from "./Prng.js"

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"

const base32 = (value: bigint, length: number): string => {
  let text = ""
  for (let i = 0; i < length; i++) {
    text = alphabet[Number(value & 31n)] + text
    value >>= 5n
  }
  return text
}

/** `prefix_<ulid>` for a time (epoch ms) and 80 random bits. */
export const format = (prefix: string, time: number, random: bigint): string =>
  `${prefix}_${base32(BigInt(time), 10)}${base32(random, 16)}`

/**
 * Makes `prefix_<ulid>` ids from the time (epoch ms) of each call, increasing
 * with the time and within each millisecond: a time at or before the last
 * one keeps the last one's and counts its random part up by one.
 */
export const generator = (seed: number) => {
  const next32 = Prng.uint32(seed)
  let lastTime = -1
  let lastRandom = 0n
  return (prefix: string, now: number): string => {
    if (now <= lastTime) {
      lastRandom = (lastRandom + 1n) & ((1n << 80n) - 1n)
    } else {
      lastTime = now
      lastRandom = (BigInt(next32() & 0xffff) << 64n) | (BigInt(next32()) << 32n) | BigInt(next32())
    }
    return format(prefix, lastTime, lastRandom)
  }
}
