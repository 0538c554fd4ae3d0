/**
 * What decoding one page of 100 full messages costs, beside `JSON.parse` of the same bytes:
 * the plain Schema decoder and the generated fast path the client uses, on the same run.
 * effect4/bench/decode.ts measures the same page on the Effect 4 line.
 *
 * Run: `pnpm bench:decode` at the root.
 */
import { FastDecoder, PageMessage } from "@convore/core"
import { Schema } from "effect"
import { printDecodeTable } from "./DecodeTable.js"
import { wirePage } from "./WirePages.js"

const text = JSON.stringify(wirePage(0))
const schemaDecode = Schema.decodeUnknownEither(PageMessage)
const fastDecode = FastDecoder.make(PageMessage)

printDecodeTable(`one page: 100 full messages, ${(text.length / 1024).toFixed(0)} KiB, node ${process.version}`, [
  ["JSON.parse", () => JSON.parse(text)],
  ["JSON.parse + Schema decoder", () => schemaDecode(JSON.parse(text))],
  ["JSON.parse + FastDecoder", () => fastDecode(JSON.parse(text))]
])
