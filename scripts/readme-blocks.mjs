/**
 * `node scripts/readme-blocks.mjs README.md OUT_DIR [NAME…]`: writes each code
 * block of the README to OUT_DIR under the name its `<!-- file: NAME -->` line
 * gives (a comment, so it does not show on the rendered page), for CI to run
 * or type-check as written; a name with a folder (`effect4/install.sh`, a
 * block of the Effect 4 line) is written into that folder. It fails when a `ts` or `sh` block has no name, so
 * no example can escape the test, and, when NAMEs are given, when the README's
 * names are not exactly those: a block the test does not know of fails too.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"

const [readme, out, ...expected] = process.argv.slice(2)
if (readme === undefined || out === undefined) {
  console.error("usage: node scripts/readme-blocks.mjs README.md OUT_DIR [NAME…]")
  process.exit(2)
}

const lines = readFileSync(readme, "utf8").split("\n")
const names = []
const problems = []
let name
for (let i = 0; i < lines.length; i++) {
  const marker = /^<!-- file: (\S+) -->$/.exec(lines[i])
  if (marker !== null) {
    name = marker[1]
    continue
  }
  const fence = /^```(\w*)$/.exec(lines[i])
  if (fence === null) {
    if (lines[i].trim() !== "") name = undefined
    continue
  }
  const end = lines.indexOf("```", i + 1)
  if (end === -1) {
    problems.push(`line ${i + 1}: a code block that never ends`)
    break
  }
  if (name !== undefined) {
    if (names.includes(name)) problems.push(`line ${i + 1}: a second block named ${name}`)
    names.push(name)
    mkdirSync(dirname(join(out, name)), { recursive: true })
    writeFileSync(join(out, name), lines.slice(i + 1, end).join("\n") + "\n")
  } else if (fence[1] === "ts" || fence[1] === "sh") {
    problems.push(`line ${i + 1}: a ${fence[1]} block without a <!-- file: NAME --> line before it`)
  }
  name = undefined
  i = end
}
if (expected.length > 0) {
  for (const missing of expected.filter((n) => !names.includes(n))) problems.push(`no block named ${missing}`)
  for (const unknown of names.filter((n) => !expected.includes(n))) {
    problems.push(`a block named ${unknown}, which nothing runs or checks`)
  }
}
if (problems.length > 0) {
  console.error(`${readme}:\n  ${problems.join("\n  ")}`)
  process.exit(1)
}
console.log(`${readme}: ${names.join(", ")}`)
