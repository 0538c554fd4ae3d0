import {
  describeIssue,
  firstIssue,
  ImportMessageRequest,
  ListMessagesParams,
  Message,
  MessageFormat,
  MessagesApiError,
  PathId,
  SendMessageRequest
} from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Result, Schema } from "effect"
import { fullMessage } from "./fixtures.js"

const participant = { handle: { type: "email", value: "ada@example.com" }, role: "from" } as const

/** The message `firstIssue` gives for a refused input; `reportInput` as the client decodes. */
const decoding = <A, I>(schema: Schema.Codec<A, I>, input: unknown, reportInput = true): string => {
  const result = Schema.decodeUnknownResult(schema, { reportInput })(input)
  if (Result.isSuccess(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return describeIssue(firstIssue(result.failure))
}

const encoding = <A, I>(schema: Schema.Codec<A, I>, input: unknown): string => {
  const result = Schema.encodeUnknownResult(schema, { reportInput: true })(input)
  if (Result.isSuccess(result)) throw new Error(`expected ${JSON.stringify(input)} to be refused`)
  return describeIssue(firstIssue(result.failure))
}

const attachment = fullMessage.attachments![0]!

// Each text is what the Effect 3 line's `firstIssue` gives for the same input, so a program reads the same
// message on either line.
describe("firstIssue words a problem as the Effect 3 line does", () => {
  it.each([
    ["a type mismatch", { ...fullMessage, id: 42 }, "at id: Expected string, actual 42"],
    ["a missing key", (({ channel_id: _, ...rest }) => rest)(fullMessage), "at channel_id: is missing"],
    [
      "a value outside an enum",
      { ...fullMessage, format: "compact" },
      "at format: Expected one of \"minimal\", \"full\", got \"compact\""
    ],
    [
      "a nullable enum",
      { ...fullMessage, reply_type: 5 },
      "at reply_type: Expected one of \"reply\", \"reply_all\", \"forward\", got 5"
    ],
    ["a nullable string", { ...fullMessage, subject: ["a"] }, "at subject: Expected string, actual [\"a\"]"],
    [
      "an array",
      { ...fullMessage, recipients: {} },
      "at recipients: Expected ReadonlyArray<MessageParticipant>, actual {}"
    ],
    ["a named struct", { ...fullMessage, sender: "x" }, "at sender: Expected MessageParticipant, actual \"x\""],
    [
      "a negative count",
      { ...fullMessage, attachments: [{ ...attachment, size: -1 }] },
      "at attachments[0].size: Expected a non-negative number, actual -1"
    ],
    [
      "a fractional count",
      { ...fullMessage, attachments: [{ ...attachment, size: 1.5 }] },
      "at attachments[0].size: Expected an integer, actual 1.5"
    ],
    [
      "an impossible date",
      { ...fullMessage, date: "2024-02-30T10:00:00Z" },
      "at date: Expected an RFC 3339 date-time, got \"2024-02-30T10:00:00Z\""
    ]
  ])("decoding a message: %s", (_, input, message) => {
    expect(decoding(Message, input)).toBe(message)
  })

  it("encoding a request: its checks' own messages, its dates and its shape", () => {
    const base = { conversation_id: "c", date: DateTime.makeUnsafe("2024-03-08T10:00:00Z"), sender: participant }
    expect(encoding(ImportMessageRequest, { ...base, recipients: [], date: "yesterday" })).toBe(
      "at date: Expected a DateTime.Utc instance, actual \"yesterday\""
    )
    expect(encoding(ImportMessageRequest, { ...base, recipients: [{ role: "to" }] })).toBe(
      "at recipients[0].handle: is missing"
    )
    expect(encoding(ImportMessageRequest, { ...base, recipients: [], date: DateTime.makeUnsafe(Date.UTC(10000, 0)) }))
      .toBe("at date: RFC 3339 has no year 10000: use years 0000 to 9999")
    expect(encoding(ListMessagesParams, { cursor: "a\ud800" })).toBe(
      "at cursor: a lone UTF-16 surrogate cannot be sent in a URL (the string is not well-formed)"
    )
    expect(encoding(SendMessageRequest, null)).toBe(
      "Expected { readonly channel_id?: Id; readonly conversation_id?: Id; readonly reply_to_message_id?: Id; " +
        "readonly reply_type?: MessageReplyType; readonly from?: string; readonly to?: ReadonlyArray<string>; " +
        "readonly cc?: ReadonlyArray<string>; readonly bcc?: ReadonlyArray<string>; readonly sender?: MessageParticipant; " +
        "readonly recipients?: ReadonlyArray<MessageParticipant>; readonly subject?: string; readonly body: string; " +
        "readonly quote_body?: string }, actual null"
    )
  })

  it("names the base type of a checked schema, not the check", () => {
    expect(decoding(PathId, 42)).toBe("Expected string, actual 42")
    expect(decoding(PathId, "a/b")).toBe("an id cannot contain \"/\"")
  })

  it("lists only named enums: another union of literals reads as its first member", () => {
    expect(decoding(MessagesApiError, { _tag: "TransportError", message: "m", reason: "x" })).toBe(
      "at reason: Expected \"ConnectionFailed\", actual \"x\""
    )
  })

  it("leaves the refused value out when the decode did not report it", () => {
    expect(decoding(MessageFormat, "medium", false)).toBe("Expected one of \"minimal\", \"full\"")
    expect(decoding(Message, { ...fullMessage, id: 42 }, false)).toBe("at id: Expected string")
  })
})
