/**
 * Realistic wire pages for benchmarks: full-format messages of about 1.6 KB
 * each (recipients, an attachment, an HTML body), generated from a seed so
 * every run measures the same bytes. They import only `@convore/wire`, so the
 * Effect 4 line's bench (effect4/bench) measures the same pages.
 */
import type { Message, PageMessage } from "@convore/wire/MessageDecoder"
import { float } from "@convore/wire/Prng"

/** A message as JSON carries it (its dates as RFC 3339 text); the same on both Effect lines. */
type MessageEncoded = Message<string>

const alphabet = "0123456789abcdefghjkmnpqrstvwxyz"
const words = [
  "invoice",
  "meeting",
  "shipment",
  "delayed",
  "thanks",
  "please",
  "review",
  "contract",
  "update",
  "question",
  "schedule",
  "tomorrow",
  "attached",
  "payment",
  "order",
  "support",
  "ticket",
  "resolved",
  "customer",
  "follow"
]

/** One realistic message, the `index`-th of a conversation of `conversationId`. */
export const wireMessage = (index: number, conversationId = "cnv_01hrak3jpaefnvk899sya9crzd"): MessageEncoded => {
  const random = float(index + 1)
  const ulid = () => Array.from({ length: 26 }, () => alphabet[Math.floor(random() * 32)]).join("")
  const sentence = (n: number) => Array.from({ length: n }, () => words[Math.floor(random() * words.length)]).join(" ")
  const person = (role: "from" | "to" | "cc") => {
    const name = `${sentence(1)} ${sentence(1)}`
    return { name, handle: { type: "email" as const, value: `${name.replace(" ", ".")}@example.com` }, role }
  }
  const id = `msg_${ulid()}`
  const date = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString()
  const text = sentence(30)
  return {
    id,
    channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd",
    conversation_id: conversationId,
    reply_to_message_id: index > 0 ? `msg_${ulid()}` : null,
    reply_type: index > 0 ? "reply" : null,
    subject: `Re: ${sentence(4)}`,
    direction: index % 2 === 0 ? "inbound" : "outbound",
    date,
    sender: person("from"),
    recipients: [person("to"), person("to"), person("cc")],
    snippet: text.slice(0, 100),
    body: `<div><p>${sentence(20)}</p><p>${sentence(15)}</p></div>`,
    text_body: text,
    raw_body: null,
    attachments: [{
      id: `att_${ulid()}`,
      conversation_id: conversationId,
      draft_id: null,
      message_id: id,
      content_type: "application/pdf",
      filename: `${sentence(1)}.pdf`,
      is_inline: false,
      content_id: null,
      size: Math.floor(random() * 1_000_000)
    }],
    external_message_id: `<${ulid()}@mail.example.com>`,
    created_at: date,
    format: "full"
  }
}

/** The `page`-th page of `size` messages, with a cursor to the next one unless it is the last of `pages`. */
export const wirePage = (page: number, size = 100, pages = Number.POSITIVE_INFINITY): PageMessage<string> => ({
  data: Array.from({ length: size }, (_, i) => wireMessage(page * size + i)),
  next_cursor: page + 1 < pages ? `cur_${page + 1}` : null
})
