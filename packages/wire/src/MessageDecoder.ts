/**
 * GENERATED FILE, DO NOT EDIT: `pnpm generate:decoder` writes it (packages/core/scripts/generate-decoder.ts)
 * from the Effect 3 line's schemas `Message`, `PageMessage` (packages/core/src/Models.ts).
 * A test in packages/core/test fails when it differs from what the generator writes now.
 *
 * Decoders for valid input, written out ahead of time as plain code: both Effect lines' `FastDecoder` run them,
 * on every runtime, Workers and pages under a Content-Security-Policy included. Each answers the decoded value, or
 * `Reject` for input it does not accept; the caller then asks its Schema decoder, whose answer, the same value or
 * the error, is the one that counts. Each line's tests check the two against each other on generated input.
 */
import { parseRfc3339 } from "./Rfc3339.js"

/** What a decoder answers for input it leaves to the Schema decoder. */
export const Reject: unique symbol = Symbol.for("@convore/wire/MessageDecoder/Reject")
/** The type of {@link Reject}. */
export type Reject = typeof Reject

/** `MessageReplyType`, one of its literals. */
export type MessageReplyType = "reply" | "reply_all" | "forward"

/** `MessageDirection`, one of its literals. */
export type MessageDirection = "inbound" | "outbound"

/** `ContactHandleType`, one of its literals. */
export type ContactHandleType = "email" | "convore_chat"

/** `ContactHandle`, decoded. */
export interface ContactHandle {
  readonly type: ContactHandleType
  readonly value: string
}

/** `MessageParticipantRole`, one of its literals. */
export type MessageParticipantRole = "from" | "to" | "cc" | "bcc"

/** `MessageParticipant`, decoded. */
export interface MessageParticipant {
  readonly name?: string | null | undefined
  readonly handle: ContactHandle
  readonly role: MessageParticipantRole
}

/** `Attachment`, decoded. */
export interface Attachment {
  readonly id: string
  readonly conversation_id: string
  readonly draft_id?: string | null | undefined
  readonly message_id?: string | null | undefined
  readonly content_type: string
  readonly filename: string
  readonly is_inline: boolean
  readonly content_id?: string | null | undefined
  readonly size: number
}

/** `MessageFormat`, one of its literals. */
export type MessageFormat = "minimal" | "full"

/** `Message`, decoded: its dates are what the caller's `makeDate` makes. */
export interface Message<D> {
  readonly id: string
  readonly channel_id: string
  readonly conversation_id: string
  readonly reply_to_message_id?: string | null | undefined
  readonly reply_type?: MessageReplyType | null | undefined
  readonly subject?: string | null | undefined
  readonly direction: MessageDirection
  readonly date: D
  readonly sender: MessageParticipant
  readonly recipients: ReadonlyArray<MessageParticipant>
  readonly snippet?: string | null | undefined
  readonly body?: string | null | undefined
  readonly text_body?: string | null | undefined
  readonly raw_body?: string | null | undefined
  readonly attachments?: ReadonlyArray<Attachment> | null | undefined
  readonly external_message_id?: string | null | undefined
  readonly created_at: D
  readonly format: MessageFormat
}

/** `PageMessage`, decoded: its dates are what the caller's `makeDate` makes. */
export interface PageMessage<D> {
  readonly data: ReadonlyArray<Message<D>>
  readonly next_cursor?: string | null | undefined
  readonly total_count?: number | null | undefined
}

/** The decoders `make` builds: each answers the decoded value, or `Reject`. */
export interface Decoders<D> {
  readonly Message: (input: unknown) => Message<D> | Reject
  readonly PageMessage: (input: unknown) => PageMessage<D> | Reject
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] }

/** An object's string-keyed values. */
type Fields = { readonly [key: string]: unknown }

const isArray: (value: unknown) => value is ReadonlyArray<unknown> = Array.isArray

/**
 * Whether `value` is an object that is not an array, made by a literal or `JSON.parse` (its prototype
 * `Object.prototype` or null): the Effect lines read a key the prototype chain holds differently, so other
 * objects go to the Schema decoder.
 */
const isFields = (value: unknown): value is Fields => {
  if (typeof value !== "object" || value === null || isArray(value)) return false
  const prototype: unknown = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

/**
 * The keys that are optional somewhere. A program that gave `Object.prototype` one of them makes the lines
 * differ (Effect 3 reads an inherited optional key as absent, Effect 4 as present): the decoders then answer
 * `Reject`.
 */
const optionalKeys: ReadonlyArray<string> = [
  "attachments",
  "body",
  "content_id",
  "draft_id",
  "external_message_id",
  "message_id",
  "name",
  "next_cursor",
  "raw_body",
  "reply_to_message_id",
  "reply_type",
  "snippet",
  "subject",
  "text_body",
  "total_count"
]

/** `value`, or `Reject` when `Object.prototype` holds an optional key. */
const settle = <A>(value: A | Reject): A | Reject =>
  value === Reject || optionalKeys.some((key) => key in Object.prototype) ? Reject : value

/**
 * The decoders, making each date with `makeDate` from its epoch milliseconds (`DateTime.unsafeMake` on
 * Effect 3, `DateTime.makeUnsafe` on Effect 4).
 */
export const make = <D>(makeDate: (millis: number) => D): Decoders<D> => {
  /** `WireDateTime`: RFC 3339 text, read by `parseRfc3339`, to the caller's date. */
  const decodeWireDateTime = (input: unknown): D | Reject => {
    if (typeof input !== "string") return Reject
    const millis = parseRfc3339(input)
    return millis === undefined ? Reject : makeDate(millis)
  }

  /** `ContactHandle`: a plain object (see `isFields`) with each key decoded. */
  const decodeContactHandle = (input: unknown): ContactHandle | Reject => {
    if (!isFields(input)) return Reject
    const v0 = input.type
    if (!(v0 === "email" || v0 === "convore_chat")) return Reject
    const v1 = input.value
    if (!(typeof v1 === "string")) return Reject
    return { type: v0, value: v1 }
  }

  /** `MessageParticipant`: a plain object (see `isFields`) with each key decoded. */
  const decodeMessageParticipant = (input: unknown): MessageParticipant | Reject => {
    if (!isFields(input)) return Reject
    const v0 = input.name
    if (!(typeof v0 === "string" || v0 === null || v0 === undefined)) return Reject
    const v1 = input.handle
    const d1 = decodeContactHandle(v1)
    if (d1 === Reject) return Reject
    const v2 = input.role
    if (!(v2 === "from" || v2 === "to" || v2 === "cc" || v2 === "bcc")) return Reject
    const output: Mutable<MessageParticipant> = { handle: d1, role: v2 }
    if (v0 !== undefined || Object.hasOwn(input, "name")) output.name = v0
    return output
  }

  /** An array of `MessageParticipant`, decoded into a new array. */
  const decodeArrayOfMessageParticipant = (input: unknown): ReadonlyArray<MessageParticipant> | Reject => {
    if (!isArray(input)) return Reject
    const output = new Array<MessageParticipant>(input.length)
    for (let i = 0; i < input.length; i++) {
      const item = decodeMessageParticipant(input[i])
      if (item === Reject) return Reject
      output[i] = item
    }
    return output
  }

  /** `Attachment`: a plain object (see `isFields`) with each key decoded. */
  const decodeAttachment = (input: unknown): Attachment | Reject => {
    if (!isFields(input)) return Reject
    const v0 = input.id
    if (!(typeof v0 === "string")) return Reject
    const v1 = input.conversation_id
    if (!(typeof v1 === "string")) return Reject
    const v2 = input.draft_id
    if (!(typeof v2 === "string" || v2 === null || v2 === undefined)) return Reject
    const v3 = input.message_id
    if (!(typeof v3 === "string" || v3 === null || v3 === undefined)) return Reject
    const v4 = input.content_type
    if (!(typeof v4 === "string")) return Reject
    const v5 = input.filename
    if (!(typeof v5 === "string")) return Reject
    const v6 = input.is_inline
    if (!(typeof v6 === "boolean")) return Reject
    const v7 = input.content_id
    if (!(typeof v7 === "string" || v7 === null || v7 === undefined)) return Reject
    const v8 = input.size
    if (!(typeof v8 === "number" && v8 >= 0 && Number.isSafeInteger(v8))) return Reject
    const output: Mutable<Attachment> = {
      id: v0,
      conversation_id: v1,
      content_type: v4,
      filename: v5,
      is_inline: v6,
      size: v8
    }
    if (v2 !== undefined || Object.hasOwn(input, "draft_id")) output.draft_id = v2
    if (v3 !== undefined || Object.hasOwn(input, "message_id")) output.message_id = v3
    if (v7 !== undefined || Object.hasOwn(input, "content_id")) output.content_id = v7
    return output
  }

  /** An array of `Attachment`, decoded into a new array. */
  const decodeArrayOfAttachment = (input: unknown): ReadonlyArray<Attachment> | Reject => {
    if (!isArray(input)) return Reject
    const output = new Array<Attachment>(input.length)
    for (let i = 0; i < input.length; i++) {
      const item = decodeAttachment(input[i])
      if (item === Reject) return Reject
      output[i] = item
    }
    return output
  }

  /** `Message`: a plain object (see `isFields`) with each key decoded. */
  const decodeMessage = (input: unknown): Message<D> | Reject => {
    if (!isFields(input)) return Reject
    const v0 = input.id
    if (!(typeof v0 === "string")) return Reject
    const v1 = input.channel_id
    if (!(typeof v1 === "string")) return Reject
    const v2 = input.conversation_id
    if (!(typeof v2 === "string")) return Reject
    const v3 = input.reply_to_message_id
    if (!(typeof v3 === "string" || v3 === null || v3 === undefined)) return Reject
    const v4 = input.reply_type
    if (!(v4 === "reply" || v4 === "reply_all" || v4 === "forward" || v4 === null || v4 === undefined)) return Reject
    const v5 = input.subject
    if (!(typeof v5 === "string" || v5 === null || v5 === undefined)) return Reject
    const v6 = input.direction
    if (!(v6 === "inbound" || v6 === "outbound")) return Reject
    const v7 = input.date
    const d7 = decodeWireDateTime(v7)
    if (d7 === Reject) return Reject
    const v8 = input.sender
    const d8 = decodeMessageParticipant(v8)
    if (d8 === Reject) return Reject
    const v9 = input.recipients
    const d9 = decodeArrayOfMessageParticipant(v9)
    if (d9 === Reject) return Reject
    const v10 = input.snippet
    if (!(typeof v10 === "string" || v10 === null || v10 === undefined)) return Reject
    const v11 = input.body
    if (!(typeof v11 === "string" || v11 === null || v11 === undefined)) return Reject
    const v12 = input.text_body
    if (!(typeof v12 === "string" || v12 === null || v12 === undefined)) return Reject
    const v13 = input.raw_body
    if (!(typeof v13 === "string" || v13 === null || v13 === undefined)) return Reject
    const v14 = input.attachments
    const d14 = v14 === null || v14 === undefined ? v14 : decodeArrayOfAttachment(v14)
    if (d14 === Reject) return Reject
    const v15 = input.external_message_id
    if (!(typeof v15 === "string" || v15 === null || v15 === undefined)) return Reject
    const v16 = input.created_at
    const d16 = decodeWireDateTime(v16)
    if (d16 === Reject) return Reject
    const v17 = input.format
    if (!(v17 === "minimal" || v17 === "full")) return Reject
    const output: Mutable<Message<D>> = {
      id: v0,
      channel_id: v1,
      conversation_id: v2,
      direction: v6,
      date: d7,
      sender: d8,
      recipients: d9,
      created_at: d16,
      format: v17
    }
    if (v3 !== undefined || Object.hasOwn(input, "reply_to_message_id")) output.reply_to_message_id = v3
    if (v4 !== undefined || Object.hasOwn(input, "reply_type")) output.reply_type = v4
    if (v5 !== undefined || Object.hasOwn(input, "subject")) output.subject = v5
    if (v10 !== undefined || Object.hasOwn(input, "snippet")) output.snippet = v10
    if (v11 !== undefined || Object.hasOwn(input, "body")) output.body = v11
    if (v12 !== undefined || Object.hasOwn(input, "text_body")) output.text_body = v12
    if (v13 !== undefined || Object.hasOwn(input, "raw_body")) output.raw_body = v13
    if (v14 !== undefined || Object.hasOwn(input, "attachments")) output.attachments = d14
    if (v15 !== undefined || Object.hasOwn(input, "external_message_id")) output.external_message_id = v15
    return output
  }

  /** An array of `Message`, decoded into a new array. */
  const decodeArrayOfMessage = (input: unknown): ReadonlyArray<Message<D>> | Reject => {
    if (!isArray(input)) return Reject
    const output = new Array<Message<D>>(input.length)
    for (let i = 0; i < input.length; i++) {
      const item = decodeMessage(input[i])
      if (item === Reject) return Reject
      output[i] = item
    }
    return output
  }

  /** `PageMessage`: a plain object (see `isFields`) with each key decoded. */
  const decodePageMessage = (input: unknown): PageMessage<D> | Reject => {
    if (!isFields(input)) return Reject
    const v0 = input.data
    const d0 = decodeArrayOfMessage(v0)
    if (d0 === Reject) return Reject
    const v1 = input.next_cursor
    if (!(typeof v1 === "string" || v1 === null || v1 === undefined)) return Reject
    const v2 = input.total_count
    if (!(typeof v2 === "number" && v2 >= 0 && Number.isSafeInteger(v2) || v2 === null || v2 === undefined)) {
      return Reject
    }
    const output: Mutable<PageMessage<D>> = { data: d0 }
    if (v1 !== undefined || Object.hasOwn(input, "next_cursor")) output.next_cursor = v1
    if (v2 !== undefined || Object.hasOwn(input, "total_count")) output.total_count = v2
    return output
  }

  return {
    Message: (input) => settle(decodeMessage(input)),
    PageMessage: (input) => settle(decodePageMessage(input))
  }
}
