/**
 * What decoding one page of 100 full messages costs on the Effect 4 line, beside `JSON.parse` of
 * the same bytes: the Schema decoder (as `FastDecoder` with `compile: false`) and the generated
 * fast path the client uses, on the same run, over the very page the Effect 3 line's
 * `pnpm bench:decode` measures.
 *
 * Run from effect4/ (Node 22.19 or later):
 * `npx -y node@24.21.0 ../node_modules/tsx/dist/cli.mjs bench/decode.ts`
 */
import { FastDecoder, PageMessage } from "@convore/core"
import { printDecodeTable } from "../../packages/bench/src/DecodeTable.js"
import { wirePage } from "../../packages/bench/src/WirePages.js"

const text = JSON.stringify(wirePage(0))
const schemaDecode = FastDecoder.make(PageMessage, { compile: false })
const fastDecode = FastDecoder.make(PageMessage)

printDecodeTable(
  `one page: 100 full messages, ${(text.length / 1024).toFixed(0)} KiB, node ${process.version}, Effect 4`,
  [
    ["JSON.parse", () => JSON.parse(text)],
    ["JSON.parse + Schema decoder", () => schemaDecode(JSON.parse(text))],
    ["JSON.parse + FastDecoder", () => fastDecode(JSON.parse(text))]
  ]
)
