/**
 * What an npm install of the packed tarballs must be (`node check-install.mjs DIR`, an npm project): exactly
 * one copy of effect, so the program and the packages share its tags, errors and layers; and every
 * `@convore/*` package taken from a tarball file, none from the registry, whose versions are not the ones
 * under test (and where `@convore/wire` may not be published yet). Reads DIR's `package-lock.json`, which
 * names every installed package. Prints what it found; exits 1 naming every problem.
 */
import { readFileSync } from "node:fs"
import { join } from "node:path"

const dir = process.argv[2] ?? "."
const lock = JSON.parse(readFileSync(join(dir, "package-lock.json"), "utf8"))
const installed = Object.entries(lock.packages ?? {})

const effects = installed.filter(([path]) => /(^|\/)node_modules\/effect$/.test(path))
const convore = installed.filter(([path]) => /(^|\/)node_modules\/@convore\/[^/]+$/.test(path))
const problems = []

console.log(`copies of effect installed: ${effects.length} (${effects.map(([, entry]) => entry.version).join(", ")})`)
if (effects.length !== 1) {
  problems.push(`expected exactly one copy of effect, found ${effects.map(([path]) => path).join(", ") || "none"}`)
}
for (const [path, entry] of convore) {
  const from = entry.resolved ?? "the registry"
  console.log(`${path.replace(/^.*node_modules\//, "")}@${entry.version} from ${from}`)
  if (!from.startsWith("file:")) problems.push(`${path} came from ${from}, not from a packed tarball`)
}

if (problems.length > 0) {
  console.error(problems.map((problem) => `FAIL ${problem}`).join("\n"))
  process.exit(1)
}
