/**
 * `pnpm generate:decoder` at the root: writes `@convore/wire/MessageDecoder`
 * from the Effect 3 line's `Message` and `PageMessage` schemas (see
 * `decoder-source.ts`). Run it after changing those schemas; a test in
 * packages/core/test fails until the checked-in file matches.
 */
import { writeFileSync } from "node:fs"
import { decoderPath, decoderSource } from "./decoder-source.js"

writeFileSync(new URL(`../../../${decoderPath}`, import.meta.url), await decoderSource())
console.log(`generate-decoder: wrote ${decoderPath}`)
