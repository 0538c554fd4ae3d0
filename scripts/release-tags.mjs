/**
 * The release of one line, and its dry run, from one table of dist-tags.
 *
 *   node scripts/release-tags.mjs <effect3|effect4> [--dry-run | --check]
 *
 * The two lines publish the same names: `@convore/core` 0.x (Effect 3, dist-tag `effect3`) from the root and
 * 1.x (Effect 4, `latest` and `effect4`) from `effect4/`. `changeset publish` cannot do this: it passes one
 * `--tag` (`latest` unless told) to every package it publishes, and npm's `--tag` overrides
 * `publishConfig.tag`, so a plain `changeset publish` of the root would move `latest` back to Effect 3.
 *
 * - default: publishes each package of the line whose version is not on the registry yet, under its first tag
 *   (`pnpm -r --filter … publish --tag …`, in the table's order, dependencies first), adds its other tags
 *   (`npm dist-tag add`), makes the `name@version` git tags, then checks the registry as `--check` does.
 * - `--dry-run`: prints each package's tags and runs the same `pnpm publish` commands with `--dry-run
 *   --no-git-checks` (npm's output then says `with tag …` for each package).
 * - both the release and `--check` of the Effect 4 line first fail when the `@convore/wire` version its tarballs
 *   name is not on the registry (the root's release publishes it).
 * - `--check`: reads `npm view <name> dist-tags` and fails when a tag of the table does not point at this
 *   tree's version, or when `latest` points at the Effect 3 line once the Effect 4 line is out.
 */
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"

/**
 * Per line: its folder (from the repository root), the package folders it publishes, and for each published
 * package its dist-tags, the first one the tag it is published under. Listed in publish order: a package
 * after the packages it depends on. `@convore/cli` and `@convore/wire` serve both lines (the CLI is a process
 * on its own Effect 3, wire has no Effect in it), so they are `latest` although they ship from the root.
 * A dist-tag must not parse as a semver range: `v3` does (npm refuses it), `effect3` does not.
 */
const lines = {
  effect3: {
    dir: ".",
    packages: [
      ["@convore/wire", ["latest"]],
      ["@convore/core", ["effect3"]],
      ["@convore/client", ["effect3"]],
      ["@convore/testing", ["effect3"]],
      ["@convore/cli", ["latest"]]
    ]
  },
  effect4: {
    dir: "effect4",
    // published by the root's release, and named by this line's tarballs: it must be on the registry first
    fromRoot: ["packages/wire"],
    packages: [
      ["@convore/core", ["latest", "effect4"]],
      ["@convore/client", ["latest", "effect4"]],
      ["@convore/testing", ["latest", "effect4"]]
    ]
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..")

const fail = (message) => {
  console.error(`release-tags: ${message}`)
  process.exit(1)
}

const [lineName, mode = "--release"] = process.argv.slice(2)
const line = lines[lineName]
if (line === undefined || !["--release", "--dry-run", "--check"].includes(mode)) {
  fail("usage: node scripts/release-tags.mjs <effect3|effect4> [--dry-run | --check]")
}
const lineDir = join(root, line.dir)

/** The line's public packages, read from `<line>/packages/*`: name, version, the `@convore` names it needs. */
const readPackages = () => {
  const base = join(lineDir, "packages")
  return readdirSync(base)
    .map((folder) => join(base, folder, "package.json"))
    .filter((file) => existsSync(file))
    .map((file) => JSON.parse(readFileSync(file, "utf8")))
    .filter((manifest) => manifest.private !== true)
    .map((manifest) => ({
      name: manifest.name,
      version: manifest.version,
      needs: Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) =>
        name.startsWith("@convore/")
      )
    }))
}

/** Each published package with its tags, in the table's order; fails on a package the table has no tag for. */
const plan = () => {
  const found = new Map(readPackages().map((pkg) => [pkg.name, pkg]))
  const listed = new Set(line.packages.map(([name]) => name))
  const untagged = [...found.keys()].filter((name) => !listed.has(name))
  if (untagged.length > 0) {
    fail(`no dist-tag for ${untagged.join(", ")}: add it to the table in scripts/release-tags.mjs`)
  }
  const entries = line.packages
    .filter(([name]) => found.has(name))
    .map(([name, tags]) => ({ ...found.get(name), tags }))
  entries.forEach((entry, index) => {
    const bad = entry.tags.filter((tag) => !/^[a-z][a-z0-9-]*$/.test(tag) || /^v\d/.test(tag) || tag === "x")
    if (bad.length > 0) fail(`${entry.name}: ${bad.join(", ")} parses as a semver range, not a dist-tag`)
    const later = entry.needs.filter((need) => entries.slice(index + 1).some((other) => other.name === need))
    if (later.length > 0) fail(`${entry.name} needs ${later.join(", ")}: list it after them in the table`)
  })
  return entries
}

const run = (command, args) => {
  console.log(`$ ${command} ${args.join(" ")}`)
  const { status } = spawnSync(command, args, { cwd: lineDir, stdio: "inherit" })
  if (status !== 0) fail(`${command} ${args.join(" ")} exited with ${status}`)
}

/** Publishes (or dry-runs) consecutive packages of one first tag together, so the table's order holds. */
const publish = (entries, dryRun) => {
  const groups = []
  for (const entry of entries) {
    const last = groups.at(-1)
    if (last !== undefined && last.tag === entry.tags[0]) last.names.push(entry.name)
    else groups.push({ tag: entry.tags[0], names: [entry.name] })
  }
  for (const { names, tag } of groups) {
    const filters = names.flatMap((name) => ["--filter", name])
    const extra = dryRun ? ["--dry-run", "--no-git-checks"] : []
    run("pnpm", ["-r", ...filters, "publish", "--tag", tag, ...extra])
  }
}

const npmJson = (args) => {
  const { status, stdout } = spawnSync("npm", [...args, "--json"], { cwd: lineDir, encoding: "utf8" })
  return status === 0 && stdout.trim() !== "" ? JSON.parse(stdout) : undefined
}

/** Compares the registry's dist-tags with the table; returns the problems found. */
const check = (entries) => {
  const other = Object.entries(lines).find(([name]) => name !== lineName)
  const problems = []
  for (const entry of entries) {
    const distTags = npmJson(["view", entry.name, "dist-tags"]) ?? {}
    console.log(`${entry.name} dist-tags ${JSON.stringify(distTags)}`)
    for (const tag of entry.tags) {
      if (distTags[tag] !== entry.version) {
        problems.push(`${entry.name}: ${tag} is ${distTags[tag] ?? "unset"}, not ${entry.version}`)
      }
    }
    const twin = other[1].packages.find(([name]) => name === entry.name)
    if (!entry.tags.includes("latest") && twin?.[1].includes("latest") && distTags.latest === entry.version) {
      const message = `${entry.name}: latest points at the ${lineName} line (${entry.version})`
      if (distTags[other[0]] === undefined) {
        console.warn(`${message}: expected before the first ${other[0]} release, which moves it`)
      } else {
        problems.push(`${message}; fix: npm dist-tag add ${entry.name}@${distTags[other[0]]} latest`)
      }
    }
  }
  return problems
}

/** The packages this line's tarballs name from the root's tree (`fromRoot`), with the version they name. */
const fromRoot = (line.fromRoot ?? []).map((folder) => {
  const { name, version } = JSON.parse(readFileSync(join(root, folder, "package.json"), "utf8"))
  return { name, version }
})

/** The `fromRoot` packages whose version is not on the registry: this line's tarballs would not install. */
const unpublished = () =>
  fromRoot.filter(({ name, version }) => npmJson(["view", `${name}@${version}`, "version"]) !== version)
    .map(({ name, version }) => `${name}@${version} is not on the registry: run the effect3 release first`)

const entries = plan()
for (const entry of entries) console.log(`${entry.name}@${entry.version} → ${entry.tags.join(", ")}`)
for (const { name, version } of fromRoot) console.log(`needs ${name}@${version} (published by the effect3 release)`)

if (mode === "--dry-run") {
  publish(entries, true)
  for (const entry of entries) {
    for (const tag of entry.tags.slice(1)) {
      console.log(`(dry run) npm dist-tag add ${entry.name}@${entry.version} ${tag}`)
    }
  }
} else if (mode === "--check") {
  const problems = [...unpublished(), ...check(entries)]
  if (problems.length > 0) fail(problems.join("\n"))
} else {
  const missing = unpublished()
  if (missing.length > 0) fail(missing.join("\n"))
  publish(entries, false)
  for (const entry of entries) {
    for (const tag of entry.tags.slice(1)) run("npm", ["dist-tag", "add", `${entry.name}@${entry.version}`, tag])
  }
  for (const entry of entries) {
    const gitTag = `${entry.name}@${entry.version}`
    const { stdout } = spawnSync("git", ["tag", "--list", gitTag], { cwd: lineDir, encoding: "utf8" })
    if (stdout.trim() === "") run("git", ["tag", gitTag])
  }
  const problems = check(entries)
  if (problems.length > 0) {
    fail(`${problems.join("\n")}\n(the registry may lag: run the check again in a minute before fixing)`)
  }
}
