import { describeIssue, firstIssue, Message, PageMessage } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Result, Schema } from "effect"
import { fullMessage, minimalMessage } from "./fixtures.js"

const decodeMessage = Schema.decodeUnknownResult(Message, { reportInput: true })

const decoded = (input: unknown) => {
  const result = decodeMessage(input)
  if (Result.isFailure(result)) throw new Error(result.failure.message)
  return result.success
}

const failure = (input: unknown): string => {
  const result = decodeMessage(input)
  if (Result.isSuccess(result)) throw new Error("expected the decode to fail")
  return describeIssue(firstIssue(result.failure))
}

describe("Message", () => {
  it("decodes a full message with nulls, turning dates into DateTime.Utc", () => {
    const message = decoded(fullMessage)
    expect(message.subject).toBe("Quarterly numbers")
    expect(message.reply_to_message_id).toBeNull()
    expect(DateTime.isUtc(message.date)).toBe(true)
    expect(DateTime.toEpochMillis(message.date)).toBe(Date.UTC(2024, 2, 8, 10))
    expect(DateTime.toEpochMillis(message.created_at)).toBe(Date.UTC(2024, 2, 8, 10, 0, 0, 123))
    expect(message.recipients[1]?.name).toBeUndefined()
    expect(message.attachments?.[0]?.size).toBe(1024)
  })

  it("decodes a message with every optional field missing and a +02:00 offset with fractional seconds", () => {
    const message = decoded(minimalMessage)
    expect("body" in message).toBe(false)
    expect(message.attachments).toBeUndefined()
    expect(DateTime.toEpochMillis(message.date)).toBe(Date.UTC(2024, 2, 8, 10, 30, 0, 500))
  })

  it("accepts null wherever an optional field may be absent", () => {
    const nulls = Object.fromEntries(
      [
        "reply_to_message_id",
        "reply_type",
        "subject",
        "snippet",
        "body",
        "text_body",
        "raw_body",
        "attachments",
        "external_message_id"
      ].map((key) => [key, null])
    )
    const message = decoded({ ...minimalMessage, ...nulls })
    expect(message.attachments).toBeNull()
    expect(message.reply_type).toBeNull()
  })

  it("ignores fields it does not know, at every level", () => {
    const message = decoded({
      ...fullMessage,
      labels: ["urgent"],
      sender: { ...fullMessage.sender, avatar_url: "https://example.com/a.png" }
    })
    expect("labels" in message).toBe(false)
    expect("avatar_url" in message.sender).toBe(false)
  })

  const bad: ReadonlyArray<readonly [string, unknown, string]> = [
    ["id of the wrong type", { ...fullMessage, id: 42 }, "at id:"],
    ["missing required field", (({ channel_id: _, ...rest }) => rest)(fullMessage), "at channel_id:"],
    ["unknown direction", { ...fullMessage, direction: "sideways" }, "at direction:"],
    ["unknown format", { ...fullMessage, format: "compact" }, "at format:"],
    ["unknown handle type", {
      ...fullMessage,
      sender: { ...fullMessage.sender, handle: { type: "fax", value: "1" } }
    }, "at sender.handle.type:"],
    ["unknown role deep in an array", {
      ...fullMessage,
      recipients: [fullMessage.recipients[0], { ...fullMessage.recipients[0], role: "reply-to" }]
    }, "at recipients[1].role:"],
    ["date without an offset", { ...fullMessage, date: "2024-03-08T10:00:00" }, "at date:"],
    ["impossible date", { ...fullMessage, date: "2024-02-30T10:00:00Z" }, "at date:"],
    ["date as a number", { ...fullMessage, created_at: 1709892000000 }, "at created_at:"],
    ["negative attachment size", {
      ...fullMessage,
      attachments: [{ ...fullMessage.attachments![0], size: -1 }]
    }, "at attachments[0].size:"],
    ["recipients not an array", { ...fullMessage, recipients: {} }, "at recipients:"],
    ["subject of the wrong type", { ...fullMessage, subject: ["a"] }, "at subject:"]
  ]

  it.each(bad)("rejects %s, naming the path of the problem", (_, input, path) => {
    expect(failure(input)).toContain(path)
  })
})

describe("PageMessage", () => {
  it("decodes a last page whose next_cursor is absent, and one where it is null", () => {
    const absent = Schema.decodeUnknownSync(PageMessage)({ data: [fullMessage] })
    const nulled = Schema.decodeUnknownSync(PageMessage)({ data: [], next_cursor: null, total_count: null })
    expect(absent.next_cursor).toBeUndefined()
    expect(absent.data).toHaveLength(1)
    expect(nulled.next_cursor).toBeNull()
  })
})
