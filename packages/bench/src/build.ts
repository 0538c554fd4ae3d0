/**
 * Bundles the benchmark's programs into `dist/*.mjs` with esbuild, as a
 * user's production build would, so every client is measured as plain
 * JavaScript on plain Node (no TypeScript loader in the way, and no
 * transpiler's memory in the peak RSS).
 */
import { build } from "esbuild"
import { rmSync } from "node:fs"
import { fileURLToPath } from "node:url"

const outdir = fileURLToPath(new URL("../dist", import.meta.url))
rmSync(outdir, { recursive: true, force: true })

await build({
  entryPoints: ["main", "server", "export-child"].map((name) =>
    fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  ),
  outdir,
  outExtension: { ".js": ".mjs" },
  // each client in a chunk of its own, loaded only by the process that measures it
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // the Effect 4 line's clients, from the Effect 4 workspace: imported from there, each module resolves `effect`,
  // `@effect/platform-node` and `@convore/client` to that line's, one copy each beside the Effect 3 ones
  alias: { "@convore/bench-effect4": fileURLToPath(new URL("../../../effect4/bench", import.meta.url)) },
  // CommonJS dependencies (undici) call require: give the ES module bundles one
  banner: {
    js:
      "import { createRequire as __createRequire } from \"node:module\"; const require = __createRequire(import.meta.url);"
  },
  logLevel: "warning"
})
