import type { MessageEncoded } from "@convore/core"

/** A full message as the server sends it, every optional field present. */
export const fullMessage: MessageEncoded = {
  id: "msg_01hrakwwcveccsnm6xpn1wvmd4",
  channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd",
  conversation_id: "cnv_01hrak3jpaefnvk899sya9crzd",
  reply_to_message_id: null,
  reply_type: null,
  subject: "Quarterly numbers",
  direction: "inbound",
  date: "2024-03-08T10:00:00Z",
  sender: { name: "Ada Lovelace", handle: { type: "email", value: "ada@example.com" }, role: "from" },
  recipients: [
    { name: null, handle: { type: "email", value: "bob@example.com" }, role: "to" },
    { handle: { type: "convore_chat", value: "usr_42" }, role: "cc" }
  ],
  snippet: "Here are the numbers",
  body: "<p>Here are the numbers</p>",
  text_body: "Here are the numbers",
  raw_body: null,
  attachments: [{
    id: "att_1",
    conversation_id: "cnv_01hrak3jpaefnvk899sya9crzd",
    draft_id: null,
    message_id: "msg_01hrakwwcveccsnm6xpn1wvmd4",
    content_type: "application/pdf",
    filename: "q1.pdf",
    is_inline: false,
    content_id: null,
    size: 1024
  }],
  external_message_id: null,
  created_at: "2024-03-08T10:00:00.123+00:00",
  format: "full"
}

/** The same message in `minimal` format with every optional field left out. */
export const minimalMessage: MessageEncoded = {
  id: "msg_01hrakwwcveccsnm6xpn1wvmd5",
  channel_id: "chnnl_01hrak3jpaefnvk899sya9crzd",
  conversation_id: "cnv_01hrak3jpaefnvk899sya9crzd",
  direction: "outbound",
  date: "2024-03-08T12:30:00.5+02:00",
  sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
  recipients: [],
  created_at: "2024-03-08T10:31:00Z",
  format: "minimal"
}
