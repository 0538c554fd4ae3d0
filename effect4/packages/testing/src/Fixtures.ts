/**
 * Ready-made data for tests: whole conversations that look like real ones,
 * the same on every run, and `Arbitrary` generators (effect's own) of every
 * model and request for property tests.
 */
import {
  Attachment,
  ContactHandle,
  ImportMessageRequest,
  ListMessagesParams,
  Message,
  MessageParticipant,
  PageMessage,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import { Arbitrary, DateTime } from "effect"
import * as Prng from "./Prng.js"
import * as Ulid from "./Ulid.js"

/** Someone taking part in a conversation. */
export interface Person {
  readonly name: string
  readonly address: string
}

/** The shape of a conversation to generate. */
export interface ConversationOptions {
  readonly conversationId: string
  readonly channelId: string
  /** `null` for chats, as the API sends it for non-email conversations. */
  readonly subject: string | null
  /** The first is the workspace's side (outbound); the others write in. */
  readonly people: ReadonlyArray<Person>
  readonly messages: number
  /** When the first message was sent (RFC 3339). */
  readonly start: string
  /** Minutes between messages (default 37). */
  readonly everyMinutes?: number
}

const lines = [
  "Thanks for getting back to me so quickly.",
  "Could you send the updated invoice when you have a moment?",
  "The shipment left the warehouse this morning.",
  "I have attached the signed contract.",
  "Let's move the call to Thursday at 10.",
  "That fixed it, thank you!",
  "We are still seeing the error after the update.",
  "Please find the quarterly report attached."
]

/** A conversation of `options.messages` messages, alternating between its people. */
export const conversation = (options: ConversationOptions): ReadonlyArray<Message> => {
  const random = Prng.uint32(options.conversationId.split("").reduce((hash, c) => hash * 31 + c.charCodeAt(0), 7))
  const handleType = options.subject === null ? "convore_chat" : "email"
  const participant = (person: Person, role: MessageParticipant["role"]): MessageParticipant => ({
    name: person.name,
    handle: { type: handleType, value: person.address },
    role
  })
  const start = Date.parse(options.start)
  const messages: Array<Message> = []
  for (let i = 0; i < options.messages; i++) {
    const time = start + i * (options.everyMinutes ?? 37) * 60_000
    const author = options.people[i % options.people.length]!
    const others = options.people.filter((person) => person !== author)
    const text = `${lines[random() % lines.length]} ${lines[random() % lines.length]}`
    const id = Ulid.format("msg", time, (BigInt(random()) << 48n) | BigInt(random()))
    const attached = handleType === "email" && i % 4 === 3
    messages.push({
      id,
      channel_id: options.channelId,
      conversation_id: options.conversationId,
      reply_to_message_id: messages[i - 1]?.id ?? null,
      reply_type: i === 0 ? null : "reply",
      subject: options.subject === null ? null : i === 0 ? options.subject : `Re: ${options.subject}`,
      direction: author === options.people[0] ? "outbound" : "inbound",
      date: DateTime.makeUnsafe(time),
      sender: participant(author, "from"),
      recipients: others.map((person) => participant(person, "to")),
      snippet: text.slice(0, 100),
      body: `<p>${text}</p>`,
      text_body: text,
      raw_body: null,
      attachments: attached
        ? [{
          id: Ulid.format("att", time, BigInt(random())),
          conversation_id: options.conversationId,
          draft_id: null,
          message_id: id,
          content_type: "application/pdf",
          filename: `document-${i}.pdf`,
          is_inline: false,
          content_id: null,
          size: 20_000 + (random() % 500_000)
        }]
        : [],
      external_message_id: handleType === "email" ? `<${id}@mail.example.com>` : null,
      created_at: DateTime.makeUnsafe(time + 1_000),
      format: "full"
    })
  }
  return messages
}

const support: Person = { name: "Convore Support", address: "support@acme.example" }

/** An email support thread of 12 messages. */
export const supportThread = conversation({
  conversationId: "cnv_01hrak3jpaefnvk899sya9crzd",
  channelId: "chnnl_01hrak3jpaefnvk899sya9crzd",
  subject: "Invoice #4821 is missing a line",
  people: [support, { name: "Ada Lovelace", address: "ada@analytical.example" }],
  messages: 12,
  start: "2024-03-04T09:15:00Z"
})

/** A chat of 40 messages between three people (no subject). */
export const teamChat = conversation({
  conversationId: "cnv_01hrak7q2bx9m4c8d6e0f1g2h3",
  channelId: "chnnl_01hrak7q2bx9m4c8d6e0f1g2h3",
  subject: null,
  people: [
    { name: "Grace Hopper", address: "usr_grace" },
    { name: "Alan Turing", address: "usr_alan" },
    { name: "Edsger Dijkstra", address: "usr_edsger" }
  ],
  messages: 40,
  start: "2024-03-05T14:00:00Z",
  everyMinutes: 3
})

/** A short sales thread of 5 messages. */
export const salesThread = conversation({
  conversationId: "cnv_01hrakb5sd3f4g5h6j7k8m9n0p",
  channelId: "chnnl_01hrak3jpaefnvk899sya9crzd",
  subject: "Pricing for 200 seats",
  people: [{ name: "Sales", address: "sales@acme.example" }, { name: "Bob Buyer", address: "bob@buyer.example" }],
  messages: 5,
  start: "2024-03-06T11:30:00Z",
  everyMinutes: 180
})

/** The three conversations together. */
export const conversations: ReadonlyArray<Message> = [...supportThread, ...teamChat, ...salesThread]

/** `Arbitrary` generators of every model and request, for property tests (effect's `Arbitrary`, as `it.prop` takes). */
export const arbitraries: {
  readonly ContactHandle: Arbitrary.Arbitrary<ContactHandle>
  readonly MessageParticipant: Arbitrary.Arbitrary<MessageParticipant>
  readonly Attachment: Arbitrary.Arbitrary<Attachment>
  readonly Message: Arbitrary.Arbitrary<Message>
  readonly PageMessage: Arbitrary.Arbitrary<PageMessage>
  readonly SendMessageRequest: Arbitrary.Arbitrary<SendMessageRequest>
  readonly ImportMessageRequest: Arbitrary.Arbitrary<ImportMessageRequest>
  readonly UpdateMessageRequest: Arbitrary.Arbitrary<UpdateMessageRequest>
  readonly ListMessagesParams: Arbitrary.Arbitrary<ListMessagesParams>
} = {
  ContactHandle: Arbitrary.schema(ContactHandle),
  MessageParticipant: Arbitrary.schema(MessageParticipant),
  Attachment: Arbitrary.schema(Attachment),
  Message: Arbitrary.schema(Message),
  PageMessage: Arbitrary.schema(PageMessage),
  SendMessageRequest: Arbitrary.schema(SendMessageRequest),
  ImportMessageRequest: Arbitrary.schema(ImportMessageRequest),
  UpdateMessageRequest: Arbitrary.schema(UpdateMessageRequest),
  ListMessagesParams: Arbitrary.schema(ListMessagesParams)
}
