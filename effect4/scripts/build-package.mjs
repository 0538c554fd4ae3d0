/**
 * `pnpm build` of one published package, run from its folder (its `build` and
 * `prepack` scripts): `dist/` made anew by `tsc -b tsconfig.build.json`, so a
 * pack can never ship a stale, stray or missing file. A package with a
 * `Version.ts` (in `src/`, or private in `src/internal/`) gets it written
 * from its own package.json first, so the version it reports is the one it
 * is published as.
 *
 * `dist/` and the build info go together: `tsc -b` trusts its build info and
 * would not notice a deleted `dist/`.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { createRequire } from "node:module"

const manifest = JSON.parse(readFileSync("package.json", "utf8"))

const version = ["src/Version.ts", "src/internal/Version.ts"].find((path) => existsSync(path))
if (version !== undefined) {
  writeFileSync(
    version,
    `/** This package's name and version, as sent in the \`User-Agent\` header (written by \`pnpm build\`). */
export const userAgent = ${JSON.stringify(`${manifest.name}/${manifest.version}`)}
`
  )
}

rmSync("dist", { recursive: true, force: true })
rmSync("build/dist.tsbuildinfo", { force: true })

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc")
const { status } = spawnSync(process.execPath, [tsc, "-b", "tsconfig.build.json"], { stdio: "inherit" })
process.exit(status ?? 1)
