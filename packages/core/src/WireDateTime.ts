/**
 * RFC 3339 timestamps as they travel on the wire, decoded to `DateTime.Utc`.
 */
import { parseRfc3339 } from "@convore/wire/Rfc3339"
import { DateTime, ParseResult, Schema } from "effect"

/** Re-exported under its name of the first releases: the parser lives in `@convore/wire`, shared by both Effect lines. */
export { parseRfc3339 }

/**
 * An RFC 3339 string (`2024-03-08T10:00:00Z`, `2024-03-08T12:00:00.123+02:00`)
 * decoded to `DateTime.Utc`, and encoded back as ISO 8601 in UTC.
 */
export const WireDateTime: Schema.Schema<DateTime.Utc, string> = Schema.transformOrFail(
  Schema.String,
  Schema.DateTimeUtcFromSelf,
  {
    strict: true,
    decode: (text, _, ast) => {
      const millis = parseRfc3339(text)
      return millis === undefined
        ? ParseResult.fail(
          new ParseResult.Type(ast, text, `Expected an RFC 3339 date-time, got ${JSON.stringify(text)}`)
        )
        : ParseResult.succeed(DateTime.unsafeMake(millis))
    },
    encode: (dateTime, _, ast) => {
      const year = DateTime.getPartUtc(dateTime, "year")
      return year >= 0 && year <= 9999
        ? ParseResult.succeed(DateTime.formatIso(dateTime))
        : ParseResult.fail(new ParseResult.Type(ast, dateTime, `RFC 3339 has no year ${year}: use years 0000 to 9999`))
    }
  }
).annotations({
  identifier: "WireDateTime",
  arbitrary: () => (fc) =>
    fc.date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true })
      .map((date) => DateTime.unsafeMake(date))
})
