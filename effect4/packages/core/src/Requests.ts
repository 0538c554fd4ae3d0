/**
 * Request bodies and list parameters, as plain objects a caller writes as
 * literals. Encoding one yields exactly the wire JSON (snake_case, `date`,
 * `from`; an absent field stays absent). The contract's rules are schema
 * checks, so a broken request is refused before anything is sent.
 */
import { idempotencyKeyPattern, idempotencyKeyRule, pathIdProblem, wellFormedProblem } from "@convore/wire/RequestRules"
import { Schema } from "effect"
import { MessageDirection, MessageFormat, MessageParticipant, MessageReplyType } from "./Models.js"
import { WireDateTime } from "./WireDateTime.js"

/** An optional request field: absent or a value, never `undefined` or `null`. */
const optional = Schema.optionalKey

/**
 * An identifier the caller supplies: any non-empty string (the prefix is not checked).
 */
export const Id = Schema.String.check(
  Schema.isMinLength(1, { message: "an id must be a non-empty string" })
).annotate({ identifier: "Id" })

/**
 * An identifier that goes into a URL path (`/v1/messages/{message_id}`). On top
 * of being non-empty it must survive the trip: `.` and `..` would be resolved
 * away by a URL parser, `/`, `?`, `#` and `%` would change what the path says,
 * control characters have no place in it, more than 255 characters is no id,
 * and a lone surrogate cannot be encoded at all.
 */
export const PathId = Schema.String.check(
  Schema.makeFilter(pathIdProblem)
).annotate({ identifier: "PathId" })

/**
 * The body of `POST /v1/messages`. Either `channel_id` or `reply_to_message_id`
 * must be given; `to`/`cc`/`bcc` are address strings, `sender`/`recipients` the
 * structured alternative.
 */
export const SendMessageRequest = Schema.Struct({
  channel_id: optional(Id),
  conversation_id: optional(Id),
  reply_to_message_id: optional(Id),
  reply_type: optional(MessageReplyType),
  from: optional(Schema.String),
  to: optional(Schema.Array(Schema.String)),
  cc: optional(Schema.Array(Schema.String)),
  bcc: optional(Schema.Array(Schema.String)),
  sender: optional(MessageParticipant),
  recipients: optional(Schema.Array(MessageParticipant)),
  subject: optional(Schema.String),
  body: Schema.String,
  quote_body: optional(Schema.String)
}).check(
  Schema.makeFilter((request) =>
    request.channel_id !== undefined || request.reply_to_message_id !== undefined ||
    "a message to send needs channel_id or reply_to_message_id"
  )
).annotate({ identifier: "SendMessageRequest" })
export interface SendMessageRequest extends Schema.Schema.Type<typeof SendMessageRequest> {}

/**
 * The body of `POST /v1/messages/import`: a message recorded without being sent.
 * `date`, `sender` and `recipients` are required, and either `conversation_id`
 * or `channel_id`.
 */
export const ImportMessageRequest = Schema.Struct({
  conversation_id: optional(Id),
  channel_id: optional(Id),
  subject: optional(Schema.String),
  direction: optional(MessageDirection),
  date: WireDateTime,
  sender: MessageParticipant,
  recipients: Schema.Array(MessageParticipant),
  body: optional(Schema.String),
  snippet: optional(Schema.String),
  reply_to_message_id: optional(Id),
  reply_type: optional(MessageReplyType)
}).check(
  Schema.makeFilter((request) =>
    request.conversation_id !== undefined || request.channel_id !== undefined ||
    "a message to import needs conversation_id or channel_id"
  )
).annotate({ identifier: "ImportMessageRequest" })
export interface ImportMessageRequest extends Schema.Schema.Type<typeof ImportMessageRequest> {}

/**
 * The body of `PATCH /v1/messages/{message_id}`: only the fields it carries change.
 */
export const UpdateMessageRequest = Schema.Struct({
  subject: optional(Schema.String),
  direction: optional(MessageDirection),
  date: optional(WireDateTime),
  sender: optional(MessageParticipant),
  recipients: optional(Schema.Array(MessageParticipant)),
  body: optional(Schema.String),
  snippet: optional(Schema.String)
}).annotate({ identifier: "UpdateMessageRequest" })
export interface UpdateMessageRequest extends Schema.Schema.Type<typeof UpdateMessageRequest> {}

/**
 * `limit`: an integer from 1 to 100 (the server's default is 100). One filter
 * with the bounds as its generation hint, so the message names the refused
 * value (a `message` annotation is a fixed string).
 */
export const PageLimit = Schema.Number.check(
  Schema.makeFilter(
    (limit) =>
      (Number.isInteger(limit) && limit >= 1 && limit <= 100) ||
      `limit must be an integer from 1 to 100, got ${String(limit)}`,
    { expected: "an integer from 1 to 100", arbitraryConstraint: { minimum: 1, maximum: 100, number: "integer" } }
  )
).annotate({ identifier: "PageLimit" })

/**
 * The query of `GET /v1/messages`. Absent parameters are left out of the URL.
 */
export const ListMessagesParams = Schema.Struct({
  // both go into the query string, so both must be well-formed UTF-16
  conversation_id: optional(Id.check(Schema.makeFilter(wellFormedProblem))),
  format: optional(MessageFormat),
  cursor: optional(
    Schema.String.check(
      Schema.isMinLength(1, { message: "a cursor must be a non-empty string" }),
      Schema.makeFilter(wellFormedProblem)
    )
  ),
  limit: optional(PageLimit)
}).annotate({ identifier: "ListMessagesParams" })
export interface ListMessagesParams extends Schema.Schema.Type<typeof ListMessagesParams> {}

/**
 * An `Idempotency-Key` header value: 1 to 255 printable ASCII characters.
 */
export const IdempotencyKey = Schema.String.check(
  Schema.isPattern(idempotencyKeyPattern, { message: idempotencyKeyRule })
).annotate({ identifier: "IdempotencyKey" })
