/**
 * `Help.render` in both styles: bold headings only where colour is allowed,
 * and every line within the width it is given.
 */
import { CliConfig, CommandDescriptor } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import * as Cli from "../src/Cli.js"
import * as Help from "../src/Help.js"

const config = CliConfig.make({ showBuiltIns: false })

const helpOf = (args: ReadonlyArray<string>, style: Help.Style) =>
  Effect.gen(function*() {
    const directive = yield* CommandDescriptor.parse(Cli.convore.descriptor, ["convore", ...args], config)
    if (directive._tag !== "BuiltIn" || directive.option._tag !== "ShowHelp") return yield* Effect.die("no help")
    const { helpDoc, usage } = directive.option
    return Help.render({ name: "convore", version: "1.0.0", usage, doc: helpDoc, config, style })
  }).pipe(Effect.provide(NodeContext.layer))

describe("Help.render", () => {
  it.effect("in colour, the headings and names are bold; without, the same text and no escape", () =>
    Effect.gen(function*() {
      const coloured = yield* helpOf(["list", "--help"], { colour: true, width: 80 })
      const plain = yield* helpOf(["list", "--help"], { colour: false, width: 80 })
      expect(coloured).toContain("\u001b[0;1mUSAGE\u001b[0m\n$ convore list ")
      expect(coloured).toContain("\u001b[0;1m--limit integer\u001b[0m\n")
      expect(plain).not.toContain("\u001b")
      expect(coloured.replaceAll("\u001b[0;1m", "").replaceAll("\u001b[0m", "")).toBe(plain)
    }))

  it.effect("wraps to the width it is given, continuing the usage 4 columns in", () =>
    Effect.gen(function*() {
      for (const width of [50, 72, 100]) {
        const text = yield* helpOf(["send", "--help"], { colour: false, width })
        expect(text.split("\n").filter((line) => line.length > width)).toEqual([])
        expect(text).toMatch(/^\$ convore send \[--base-url text\].*\n {4}\S/m)
      }
    }))
})
