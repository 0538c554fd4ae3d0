/**
 * The two lines publish the same packages by the same names: for core,
 * client and testing, both package.json files list the same entry points,
 * and each entry point exports the same names on both lines, values (the
 * module imported from its source, the Effect 3 one from `../../packages`
 * with its own effect 3) and types (read by the TypeScript checker from the
 * same sources). A name added to one line and not its twin fails here. No
 * entry point leads into `internal/`. The errors keep their tags, in the same
 * order.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import ts from "typescript"

/** Where each line's packages are. */
const lines = {
  v3: new URL("../../packages/", import.meta.url),
  v4: new URL("../packages/", import.meta.url)
} as const

type Line = keyof typeof lines

const packages = ["core", "client", "testing"] as const

interface Manifest {
  readonly exports: Readonly<Record<string, string>>
  readonly publishConfig: { readonly exports: Readonly<Record<string, unknown>> }
}

const manifest = (line: Line, name: string): Manifest =>
  JSON.parse(readFileSync(new URL(`${name}/package.json`, lines[line]), "utf8"))

/** Every entry point of a package but `./package.json`, by the Effect 3 line's manifest. */
const subpaths = (name: string) => Object.keys(manifest("v3", name).exports).filter((path) => path !== "./package.json")

/** The source file an entry point leads to. */
const source = (line: Line, name: string, subpath: string) =>
  fileURLToPath(new URL(`${name}/${manifest(line, name).exports[subpath]}`, lines[line]))

/** The module an entry point leads to, imported from its source (a path the type-check does not follow). */
const load = (line: Line, name: string, subpath: string): Promise<Record<string, unknown>> =>
  import(source(line, name, subpath))

/**
 * The names, types included, each entry point's source exports. Every module
 * an index re-exports is an entry point itself, so the entry points alone
 * (`noResolve`, no lib) are enough, and quick to read.
 */
const declaredNames = (() => {
  const files = (["v3", "v4"] as const).flatMap((line) =>
    packages.flatMap((name) => subpaths(name).map((subpath) => source(line, name, subpath)))
  )
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    noResolve: true,
    noLib: true,
    types: []
  })
  const checker = program.getTypeChecker()
  return (file: string) => {
    const module = checker.getSymbolAtLocation(program.getSourceFile(file)!)
    return module === undefined ? [] : checker.getExportsOfModule(module).map((symbol) => symbol.name).sort()
  }
})()

describe.each(packages)("@convore/%s", (name) => {
  it("lists the same entry points on both lines", () => {
    const [v3, v4] = [manifest("v3", name), manifest("v4", name)]
    expect(Object.keys(v4.exports).sort()).toEqual(Object.keys(v3.exports).sort())
    expect(Object.keys(v4.publishConfig.exports).sort()).toEqual(Object.keys(v3.publishConfig.exports).sort())
    // private modules, as in the Effect packages: no entry point leads into `internal/`
    expect(JSON.stringify([v4.exports, v4.publishConfig.exports])).not.toMatch(/\/internal\//)
  })

  describe.each(subpaths(name))("%s", (subpath) => {
    it("exports the same values on both lines", async () => {
      const [v3, v4] = await Promise.all([load("v3", name, subpath), load("v4", name, subpath)])
      expect(Object.keys(v3).length).toBeGreaterThan(0)
      expect(Object.keys(v4).sort()).toEqual(Object.keys(v3).sort())
    })

    it("exports the same names, types included, on both lines", () => {
      const v3 = declaredNames(source("v3", name, subpath))
      expect(v3.length).toBeGreaterThan(0)
      expect(declaredNames(source("v4", name, subpath))).toEqual(v3)
    })
  })
})

describe("MessagesApiError", () => {
  it("has the same members, by tag, in the same order on both lines", async () => {
    const tags = async (line: Line) => {
      const { MessagesApiError } = await load(line, "core", "./Errors") as {
        readonly MessagesApiError: { readonly members: ReadonlyArray<{ readonly _tag: string }> }
      }
      return MessagesApiError.members.map((member) => member._tag)
    }
    const [v3, v4] = await Promise.all([tags("v3"), tags("v4")])
    expect(v3).toContain("InvalidRequest")
    expect(v4).toEqual(v3)
  })
})
