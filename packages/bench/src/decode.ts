/**
 * What decoding one page of 100 full messages costs, beside `JSON.parse` of the same bytes:
 * the plain Schema decoder and the generated fast path the client uses, on the same run.
 *
 * Run: `pnpm bench:decode` at the root.
 */
import { FastDecoder, PageMessage } from "@convore/core"
import { Schema } from "effect"
import { wirePage } from "./WirePages.js"

const text = JSON.stringify(wirePage(0))
const schemaDecode = Schema.decodeUnknownEither(PageMessage)
const fastDecode = FastDecoder.make(PageMessage)

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

const cases: ReadonlyArray<readonly [string, () => unknown]> = [
  ["JSON.parse", () => JSON.parse(text)],
  ["JSON.parse + Schema decoder", () => schemaDecode(JSON.parse(text))],
  ["JSON.parse + FastDecoder", () => fastDecode(JSON.parse(text))]
]

for (const [, f] of cases) measure(f, 3) // warm up every path before measuring any
const results = cases.map(([name, f]) => [name, measure(f)] as const)
const floor = results[0]![1].median

console.log(`one page: 100 full messages, ${(text.length / 1024).toFixed(0)} KiB, node ${process.version}`)
for (const [name, m] of results) {
  console.log(
    `${name.padEnd(30)} ${m.median.toFixed(3).padStart(7)} ms/page  (min ${m.min.toFixed(3)}, max ${
      m.max.toFixed(3)
    })  ${(m.median / floor).toFixed(2)}x JSON.parse`
  )
}
