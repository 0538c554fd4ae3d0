import { Message } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { readFileSync } from "node:fs"
import { decoderCommand, decoderPath, decoderSource, generateSource } from "../scripts/decoder-source.js"

describe("generate-decoder", () => {
  it("wrote the checked-in @convore/wire/MessageDecoder from today's schemas", async () => {
    const checkedIn = readFileSync(new URL(`../../../${decoderPath}`, import.meta.url), "utf8")
    expect(checkedIn, `${decoderPath} is stale: run \`${decoderCommand}\` at the root`).toBe(await decoderSource())
  }, 60_000)

  /** `field` as the one field of a struct named `Entry`. */
  const entry = (field: Schema.Schema.AnyNoContext) =>
    ({ Entry: Schema.Struct({ field }).annotations({ identifier: "Entry" }) }) as const

  it("refuses, naming why, every schema it cannot write a decoder for that answers as the Schema decoder", () => {
    const refused: ReadonlyArray<readonly [Schema.Schema.AnyNoContext, string]> = [
      [Schema.NumberFromString, "a transformation the generator does not know"],
      [Schema.Date, "may change what decoding answers"],
      [Schema.Number.pipe(Schema.lessThan(5)), "a refinement the generator does not know"],
      [Schema.String.pipe(Schema.minLength(1)), "a refinement of something else than a number check"],
      [
        Schema.Number.pipe(Schema.filter((n) => Number.isInteger(n), { schemaId: Schema.IntSchemaId })),
        "for 9007199254740992"
      ],
      [Schema.Number.pipe(Schema.greaterThanOrEqualTo(0, { jsonSchema: { minimum: 1 } })), "for 0"],
      [Schema.Number.pipe(Schema.greaterThanOrEqualTo(0, { jsonSchema: { minimum: -0.25 } })), "for -0.25"],
      [Schema.BigIntFromSelf, "no code for a BigIntKeyword"],
      [Schema.Tuple(Schema.String), "a tuple"],
      [Schema.Array(Schema.String), "no identifier"],
      [Schema.Struct({ a: Schema.String }), "without an identifier"],
      [Schema.Record({ key: Schema.String, value: Schema.String }).annotations({ identifier: "R" }), "index signature"],
      [Schema.UndefinedOr(Schema.String), "a required key that may be undefined"],
      [Schema.String.annotations({ parseOptions: { onExcessProperty: "error" } }), "may change what decoding answers"],
      [Schema.Union(Message, Schema.Struct({ b: Schema.String }).annotations({ identifier: "B" })), "more than one"]
    ]
    for (const [field, why] of refused) {
      expect(() => generateSource(entry(field)), String(field.ast)).toThrow(/^generate-decoder: cannot generate/)
      expect(() => generateSource(entry(field)), String(field.ast)).toThrow(why)
    }
    expect(() =>
      generateSource(
        entry(
          Schema.Struct({ a: Schema.optionalWith(Schema.String, { exact: true }) }).annotations({ identifier: "E" })
        )
      )
    )
      .toThrow("an exact optional key")
    for (const key of ["__proto__", "toString", "constructor"]) {
      const struct = Schema.Struct({ [key]: Schema.String }).annotations({ identifier: "Keyed" })
      expect(() => generateSource({ Entry: struct }), key).toThrow("a key Object.prototype has")
    }
    const overlap = entry(Schema.Union(Schema.String, Schema.Array(Message)))
    expect(() => generateSource(overlap)).not.toThrow()
    expect(() => generateSource(entry(Schema.Union(Schema.String, Message.fields.date)))).toThrow("overlap on string")
  })
})
