/**
 * What each unpacked tarball must hold (`node check-tarballs.mjs DIR...`, one
 * folder per package): compiled JS and `.d.ts` for every export, a subpath
 * for every module its index re-exports, the bin with its shebang, a LICENSE,
 * README and CHANGELOG, no tests, configs or build info, no entry point into
 * `internal/` (private modules, as in the Effect packages), and no `workspace:`
 * ranges; a library's effect a peer. Prints what it checked; exits 1 naming
 * every problem.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"

const problems = []

const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? walk(path) : [path]
  })

for (const dir of process.argv.slice(2)) {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"))
  const files = walk(dir).map((path) => relative(dir, path))
  const say = (problem) => problems.push(`${manifest.name}: ${problem}`)

  for (const file of ["LICENSE", "README.md", "CHANGELOG.md"]) if (!files.includes(file)) say(`no ${file}`)
  for (const file of files) {
    if (/(^|\/)(test|tests|__tests__)\/|\.test\.|tsconfig|tsbuildinfo|^build\//.test(file)) say(`ships ${file}`)
  }
  const ranges = JSON.stringify([manifest.dependencies, manifest.peerDependencies, manifest.optionalDependencies])
  if (ranges.includes("workspace:")) say(`a workspace: range is left: ${ranges}`)
  if (manifest.devDependencies !== undefined && JSON.stringify(manifest.devDependencies).includes("workspace:")) {
    say("a workspace: range is left in devDependencies")
  }
  // a library's effect must be the program's own copy; a command (a package that exports no module, as
  // @convore/cli) is an application and brings its own
  const library = Object.keys(manifest.exports).some((subpath) => subpath !== "./package.json")
  for (const peer of ["effect", "@effect/platform", "@effect/platform-node"]) {
    if (library && manifest.dependencies?.[peer] !== undefined) say(`${peer} is a dependency, not a peer`)
  }

  const exported = Object.entries(manifest.exports)
  for (const [subpath, target] of exported) {
    if (subpath === "./package.json") continue
    const keys = Object.keys(target)
    if (keys[0] !== "types") say(`${subpath}: "types" is not the first condition`)
    if (/\/internal\//.test(`${subpath} ${target.default}`)) say(`${subpath}: an entry point leads into internal/`)
    for (const file of [target.types, target.default]) {
      if (file === undefined || !existsSync(join(dir, file))) say(`${subpath}: ${file} is missing`)
    }
  }
  const index = existsSync(join(dir, "src/index.ts")) ? readFileSync(join(dir, "src/index.ts"), "utf8") : ""
  if (library && index === "") say("no src/index.ts")
  for (const [, module] of index.matchAll(/from "\.\/(\w+)\.js"/g)) {
    if (manifest.exports[`./${module}`] === undefined) say(`./${module} is re-exported by the index but has no subpath`)
  }
  for (const [bin, file] of Object.entries(manifest.bin ?? {})) {
    if (!existsSync(join(dir, file))) say(`bin ${bin}: ${file} is missing`)
    else if (!readFileSync(join(dir, file), "utf8").startsWith("#!/usr/bin/env node\n")) say(`bin ${bin}: no shebang`)
  }
  console.log(`${manifest.name}@${manifest.version}: ${files.length} files, ${exported.length} exports checked`)
}

if (problems.length > 0) {
  console.error(problems.map((problem) => `FAIL ${problem}`).join("\n"))
  process.exit(1)
}
