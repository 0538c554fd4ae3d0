/**
 * The measurement and table of a decode benchmark, shared by both Effect lines' `decode` scripts
 * (packages/bench/src/decode.ts, effect4/bench/decode.ts). It imports nothing, so either line's
 * workspace can compile it.
 */

interface Sample {
  readonly median: number
  readonly min: number
  readonly max: number
}

/** Median milliseconds per call of `f` over `rounds` rounds of `iterations` calls each. */
const measure = (f: () => unknown, rounds = 15, iterations = 200): Sample => {
  const samples: Array<number> = []
  for (let r = 0; r < rounds; r++) {
    const start = performance.now()
    for (let i = 0; i < iterations; i++) f()
    samples.push((performance.now() - start) / iterations)
  }
  samples.sort((a, b) => a - b)
  return { median: samples[Math.floor(rounds / 2)]!, min: samples[0]!, max: samples[rounds - 1]! }
}

/**
 * Measures each case (the first one is the floor the others are set against), every one warmed up
 * before any is measured, and prints a line per case under `title`.
 */
export const printDecodeTable = (title: string, cases: ReadonlyArray<readonly [string, () => unknown]>) => {
  for (const [, f] of cases) measure(f, 3)
  const results = cases.map(([name, f]) => [name, measure(f)] as const)
  const floor = results[0]![1].median
  console.log(title)
  for (const [name, m] of results) {
    console.log(
      `${name.padEnd(30)} ${m.median.toFixed(3).padStart(7)} ms/page  (min ${m.min.toFixed(3)}, max ${
        m.max.toFixed(3)
      })  ${(m.median / floor).toFixed(2)}x ${results[0]![0]}`
    )
  }
}
