/**
 * RFC 3339 timestamps as they travel on the wire, decoded to `DateTime.Utc`.
 */
import { parseRfc3339 } from "@convore/wire/Rfc3339"
import { DateTime, Effect, Schema, SchemaGetter, SchemaIssue, SchemaTransformation } from "effect"

/** Re-exported under its name of the first releases: the parser lives in `@convore/wire`, shared by both Effect lines. */
export { parseRfc3339 }

/** The years RFC 3339 can write: 0000 to 9999. */
const firstMillis = new Date(0).setUTCFullYear(1, 0, 1)
const lastMillis = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

/**
 * The decoded side: a `DateTime.Utc` (named as the Effect 3 line names it in
 * its messages), generated for property tests between years 1 and 9999, the
 * ones it encodes to.
 */
const Utc = Schema.DateTimeUtc.annotate({
  expected: "a DateTime.Utc instance",
  toCodecArbitrary: () =>
    Schema.link<DateTime.Utc>()(Schema.Int.check(Schema.isBetween({ minimum: firstMillis, maximum: lastMillis })), {
      decode: SchemaGetter.transform((millis) => DateTime.makeUnsafe(millis)),
      encode: SchemaGetter.transform(DateTime.toEpochMillis)
    })
})

/**
 * An RFC 3339 string (`2024-03-08T10:00:00Z`, `2024-03-08T12:00:00.123+02:00`)
 * decoded to `DateTime.Utc`, and encoded back as ISO 8601 in UTC.
 */
export const WireDateTime: Schema.Codec<DateTime.Utc, string> = Schema.String.pipe(
  Schema.decodeTo(
    Utc,
    SchemaTransformation.transformEffect({
      decode: (text, options) => {
        const millis = parseRfc3339(text)
        return millis === undefined
          ? Effect.fail(
            new SchemaIssue.InvalidValue(
              { message: `Expected an RFC 3339 date-time, got ${JSON.stringify(text)}` },
              text,
              options
            )
          )
          : Effect.succeed(DateTime.makeUnsafe(millis))
      },
      encode: (dateTime, options) => {
        const year = DateTime.getPartUtc(dateTime, "year")
        return year >= 0 && year <= 9999
          ? Effect.succeed(DateTime.formatIso(dateTime))
          : Effect.fail(
            new SchemaIssue.InvalidValue(
              { message: `RFC 3339 has no year ${year}: use years 0000 to 9999` },
              dateTime,
              options
            )
          )
      }
    })
  )
).annotate({ identifier: "WireDateTime" })
