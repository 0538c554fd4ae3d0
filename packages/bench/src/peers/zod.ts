/**
 * The usual validated choice: the same models as zod 4 schemas (unknown keys
 * stripped, dates parsed), used with plain `fetch`.
 */
import { z } from "zod"

const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional()
const dateTime = z.iso.datetime({ offset: true }).transform((text) => new Date(text))

const ContactHandle = z.object({ type: z.enum(["email", "convore_chat"]), value: z.string() })
const MessageParticipant = z.object({
  name: nullable(z.string()),
  handle: ContactHandle,
  role: z.enum(["from", "to", "cc", "bcc"])
})
const Attachment = z.object({
  id: z.string(),
  conversation_id: z.string(),
  draft_id: nullable(z.string()),
  message_id: nullable(z.string()),
  content_type: z.string(),
  filename: z.string(),
  is_inline: z.boolean(),
  content_id: nullable(z.string()),
  size: z.number().int().nonnegative()
})

/** `Message`, as zod. */
export const Message = z.object({
  id: z.string(),
  channel_id: z.string(),
  conversation_id: z.string(),
  reply_to_message_id: nullable(z.string()),
  reply_type: nullable(z.enum(["reply", "reply_all", "forward"])),
  subject: nullable(z.string()),
  direction: z.enum(["inbound", "outbound"]),
  date: dateTime,
  sender: MessageParticipant,
  recipients: z.array(MessageParticipant),
  snippet: nullable(z.string()),
  body: nullable(z.string()),
  text_body: nullable(z.string()),
  raw_body: nullable(z.string()),
  attachments: nullable(z.array(Attachment)),
  external_message_id: nullable(z.string()),
  created_at: dateTime,
  format: z.enum(["minimal", "full"])
})

/** `PageMessage`, as zod. */
export const PageMessage = z.object({
  data: z.array(Message),
  next_cursor: nullable(z.string()),
  total_count: nullable(z.number().int().nonnegative())
})
