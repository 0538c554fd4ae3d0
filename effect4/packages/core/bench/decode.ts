/**
 * What decoding one page of 100 full messages costs on the Effect 4 line,
 * beside `JSON.parse` of the same bytes: the Schema decoder (every value
 * through `Schema.decodeUnknownResult`, as `FastDecoder` with
 * `compile: false`) and the generated fast path the client uses, on the same
 * run. The page is the one the Effect 3 line's `pnpm bench:decode` measures
 * (packages/bench/src/WirePages.ts, `wirePage(0)`), made here from the same
 * seeded generator so that the figures sit beside each other.
 *
 * Run (Node 22.19 or later, from effect4/):
 * `npx -y node@24.21.0 ../node_modules/tsx/dist/cli.mjs packages/core/bench/decode.ts`
 */
import { FastDecoder, type MessageEncoded, PageMessage, type PageMessageEncoded } from "@convore/core"
import { float } from "@convore/wire/Prng"

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
const words = [
  "invoice",
  "meeting",
  "shipment",
  "delayed",
  "thanks",
  "please",
  "review",
  "contract",
  "update",
  "question",
  "schedule",
  "tomorrow",
  "attached",
  "payment",
  "order",
  "support",
  "ticket",
  "resolved",
  "customer",
  "follow"
]

/** The `index`-th message of packages/bench's `wireMessage`, byte for byte. */
const wireMessage = (index: number, conversationId = "cnv_01hrak3jpaefnvk899sya9crzd"): MessageEncoded => {
  const random = float(index + 1)
  const ulid = () => Array.from({ length: 26 }, () => alphabet[Math.floor(random() * 32)]).join("")
  const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(" ")
  const person = (role: "from" | "to" | "cc") => {
    const name = `${sentence(1)} ${sentence(1)}`
    return { name, handle: { type: "email" as const, value: `${name.replace(" ", ".")}@example.com` }, role }
  }
  const id = `msg_${ulid()}`
  const date = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString()
  const text = sentence(30)
  return {
    id,
    channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd",
    conversation_id: conversationId,
    reply_to_message_id: index > 0 ? `msg_${ulid()}` : null,
    reply_type: index > 0 ? "reply" : null,
    subject: `Re: ${sentence(4)}`,
    direction: index % 2 === 0 ? "inbound" : "outbound",
    date,
    sender: person("from"),
    recipients: [person("to"), person("to"), person("cc")],
    snippet: text.slice(0, 100),
    body: `<div><p>${sentence(20)}</p><p>${sentence(15)}</p></div>`,
    text_body: text,
    raw_body: null,
    attachments: [{
      id: `att_${ulid()}`,
      conversation_id: conversationId,
      draft_id: null,
      message_id: id,
      content_type: "application/pdf",
      filename: `${sentence(1)}.pdf`,
      is_inline: false,
      content_id: null,
      size: Math.floor(random() * 1_000_000)
    }],
    external_message_id: `<${ulid()}@mail.example.com>`,
    created_at: date,
    format: "full"
  }
}

const page: PageMessageEncoded = { data: Array.from({ length: 100 }, (_, i) => wireMessage(i)), next_cursor: "cur_1" }
const text = JSON.stringify(page)
const schemaDecode = FastDecoder.make(PageMessage, { compile: false })
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

console.log(`one page: 100 full messages, ${(text.length / 1024).toFixed(0)} KiB, node ${process.version}, Effect 4`)
for (const [name, m] of results) {
  console.log(
    `${name.padEnd(30)} ${m.median.toFixed(3).padStart(7)} ms/page  (min ${m.min.toFixed(3)}, max ${
      m.max.toFixed(3)
    })  ${(m.median / floor).toFixed(2)}x JSON.parse`
  )
}
