/**
 * The Messages API's wire models, as Effect Schemas.
 *
 * Field names are snake_case as on the wire. Every optional response field
 * accepts both "absent" and `null`; unknown fields are ignored on decode.
 */
import { Schema } from "effect"
import { WireDateTime } from "./WireDateTime.js"

/** An enum: one of `values`, refused with a message that lists them all. */
const literals = <const Values extends ReadonlyArray<string>>(identifier: string, ...values: Values) => {
  const expected = `Expected one of ${values.map((value) => JSON.stringify(value)).join(", ")}`
  return Schema.Literal(...values).annotations({
    identifier,
    message: (issue) => ({ message: `${expected}, got ${JSON.stringify(issue.actual)}`, override: true })
  })
}

/** A response field that the server may leave out or send as `null`. */
const optionalNullable = <S extends Schema.Schema.Any>(schema: S) => Schema.optional(Schema.NullOr(schema))

/**
 * `minimal` leaves out `body`, `text_body`, `raw_body` and `attachments`; `full` includes them.
 */
export const MessageFormat = literals("MessageFormat", "minimal", "full")
export type MessageFormat = typeof MessageFormat.Type

/**
 * Whether a message came in to the workspace or went out of it.
 */
export const MessageDirection = literals("MessageDirection", "inbound", "outbound")
export type MessageDirection = typeof MessageDirection.Type

/**
 * How a message answers the one it replies to.
 */
export const MessageReplyType = literals("MessageReplyType", "reply", "reply_all", "forward")
export type MessageReplyType = typeof MessageReplyType.Type

/**
 * The part a participant plays in a message.
 */
export const MessageParticipantRole = literals("MessageParticipantRole", "from", "to", "cc", "bcc")
export type MessageParticipantRole = typeof MessageParticipantRole.Type

/**
 * The kind of address a contact handle is.
 */
export const ContactHandleType = literals("ContactHandleType", "email", "convore_chat")
export type ContactHandleType = typeof ContactHandleType.Type

/**
 * An address through which a contact is reached.
 */
export const ContactHandle = Schema.Struct({
  type: ContactHandleType,
  value: Schema.String
}).annotations({ identifier: "ContactHandle" })
export interface ContactHandle extends Schema.Schema.Type<typeof ContactHandle> {}

/**
 * A sender or recipient of a message.
 */
export const MessageParticipant = Schema.Struct({
  name: optionalNullable(Schema.String),
  handle: ContactHandle,
  role: MessageParticipantRole
}).annotations({ identifier: "MessageParticipant" })
export interface MessageParticipant extends Schema.Schema.Type<typeof MessageParticipant> {}

/**
 * A file attached to a message.
 */
export const Attachment = Schema.Struct({
  id: Schema.String,
  conversation_id: Schema.String,
  draft_id: optionalNullable(Schema.String),
  message_id: optionalNullable(Schema.String),
  content_type: Schema.String,
  filename: Schema.String,
  is_inline: Schema.Boolean,
  content_id: optionalNullable(Schema.String),
  size: Schema.NonNegativeInt
}).annotations({ identifier: "Attachment" })
export interface Attachment extends Schema.Schema.Type<typeof Attachment> {}

/**
 * A message, as the API returns it. `date` and `created_at` decode to `DateTime.Utc`.
 */
export const Message = Schema.Struct({
  id: Schema.String,
  channel_id: Schema.String,
  conversation_id: Schema.String,
  reply_to_message_id: optionalNullable(Schema.String),
  reply_type: optionalNullable(MessageReplyType),
  subject: optionalNullable(Schema.String),
  direction: MessageDirection,
  date: WireDateTime,
  sender: MessageParticipant,
  recipients: Schema.Array(MessageParticipant),
  snippet: optionalNullable(Schema.String),
  body: optionalNullable(Schema.String),
  text_body: optionalNullable(Schema.String),
  raw_body: optionalNullable(Schema.String),
  attachments: optionalNullable(Schema.Array(Attachment)),
  external_message_id: optionalNullable(Schema.String),
  created_at: WireDateTime,
  format: MessageFormat
}).annotations({ identifier: "Message" })
export interface Message extends Schema.Schema.Type<typeof Message> {}
/** The JSON form of a {@link Message}. */
export interface MessageEncoded extends Schema.Schema.Encoded<typeof Message> {}

/**
 * One page of `GET /v1/messages`. `next_cursor` is absent or `null` on the last page.
 */
export const PageMessage = Schema.Struct({
  data: Schema.Array(Message),
  next_cursor: optionalNullable(Schema.String),
  total_count: optionalNullable(Schema.NonNegativeInt)
}).annotations({ identifier: "PageMessage" })
export interface PageMessage extends Schema.Schema.Type<typeof PageMessage> {}
/** The JSON form of a {@link PageMessage}. */
export interface PageMessageEncoded extends Schema.Schema.Encoded<typeof PageMessage> {}
