/**
 * Bundles the benchmark's programs into `build/*.mjs` with esbuild, as a
 * user's production build would, so every client is measured as plain
 * JavaScript on plain Node (no TypeScript loader in the way, and no
 * transpiler's memory in the peak RSS).
 */
import { build } from "esbuild"
import { fileURLToPath } from "node:url"

await build({
  entryPoints: ["main", "server", "export-child"].map((name) =>
    fileURLToPath(new URL(`./${name}.ts`, import.meta.url))
  ),
  outdir: fileURLToPath(new URL("../build", import.meta.url)),
  outExtension: { ".js": ".mjs" },
  // each client in a chunk of its own, loaded only by the process that measures it
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  // CommonJS dependencies (undici) call require: give the ES module bundles one
  banner: {
    js:
      "import { createRequire as __createRequire } from \"node:module\"; const require = __createRequire(import.meta.url);"
  },
  logLevel: "warning"
})
