/**
 * The reference store behind both the in-memory layer and the mock server:
 * the contract's semantics (`../shared/contract/README.md`) over messages
 * kept in memory. Inputs are already valid requests; what it refuses are the
 * server's own refusals (unknown ids, idempotency conflicts, bad cursors),
 * with the error tags and messages the HTTP client would report.
 */
import {
  errorFromResponse,
  ImportMessageRequest,
  type ListMessagesParams,
  type Message,
  type MessageFormat,
  type MessageParticipant,
  type PageMessage,
  type ResponseError,
  SendMessageRequest,
  type UpdateMessageRequest
} from "@convore/core"
import { Clock, Context, DateTime, Effect, Layer, Schema, Semaphore } from "effect"
import { MessageIndex, type Position, positionOf } from "./MessageIndex.js"
import * as Ulid from "./Ulid.js"

/** How a store starts. */
export interface MessageStoreOptions {
  /** Messages it holds from the start (fixtures, or the test's own). */
  readonly messages?: Iterable<Message>
  /** Seed of the random part of new ids (default 1). */
  readonly seed?: number
}

/** The store's operations, each the server-side half of an API operation. */
export interface MessageStoreService {
  readonly get: (id: string) => Effect.Effect<Message, ResponseError>
  readonly list: (params: ListMessagesParams) => Effect.Effect<PageMessage, ResponseError>
  readonly send: (request: SendMessageRequest, idempotencyKey?: string) => Effect.Effect<Message, ResponseError>
  readonly importMessage: (
    request: ImportMessageRequest,
    idempotencyKey?: string
  ) => Effect.Effect<Message, ResponseError>
  readonly update: (id: string, request: UpdateMessageRequest) => Effect.Effect<Message, ResponseError>
  /** Adds messages as they are (ids and times included). */
  readonly insert: (messages: Iterable<Message>) => Effect.Effect<void>
  /** Everything the store holds, in listing order: for tests to read. */
  readonly messages: Effect.Effect<ReadonlyArray<Message>>
}

/** An error as the HTTP client would report it, without a request id. */
const refuse = (status: number, detail: string): Effect.Effect<never, ResponseError> =>
  Effect.fail(errorFromResponse({ status, headers: {}, body: JSON.stringify({ detail }), now: 0 }))

const cursorPrefix = "c1."

const encodeCursor = (position: Position): string =>
  cursorPrefix + Buffer.from(JSON.stringify([position.date, position.id])).toString("base64url")

const decodeCursor = (cursor: string): Position | undefined => {
  if (!cursor.startsWith(cursorPrefix)) return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor.slice(cursorPrefix.length), "base64url").toString())
    return Array.isArray(value) && value.length === 2 && Number.isFinite(value[0]) && typeof value[1] === "string"
      ? { date: value[0], id: value[1] }
      : undefined
  } catch {
    return undefined
  }
}

/** `format=minimal` leaves out `body`, `text_body`, `raw_body` and `attachments`. */
const inFormat = (message: Message, format: MessageFormat): Message => {
  if (format === "full") return message
  const { attachments: _a, body: _b, raw_body: _r, text_body: _t, ...minimal } = message
  return { ...minimal, format: "minimal" }
}

const textOf = (html: string): string => html.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ").trim()

const emailParticipant = (address: string, role: MessageParticipant["role"]): MessageParticipant => ({
  name: null,
  handle: { type: "email", value: address },
  role
})

const encodeSend = Schema.encodeSync(SendMessageRequest)
const encodeImport = Schema.encodeSync(ImportMessageRequest)

const make = (options: MessageStoreOptions = {}): Effect.Effect<MessageStoreService> =>
  Effect.map(Semaphore.make(1), (writes) => {
    /** Writes run one at a time, so two requests with one idempotency key cannot both create. */
    const serialized = writes.withPermits(1)
    const newId = Ulid.generator(options.seed ?? 1)
    const byId = new Map<string, Message>()
    const all = new MessageIndex()
    const byConversation = new Map<string, MessageIndex>()
    /** Idempotency keys: what the first request with the key was, and the message it created. */
    const keys = new Map<string, { readonly fingerprint: string; readonly id: string }>()

    const conversation = (id: string) => {
      let index = byConversation.get(id)
      if (index === undefined) byConversation.set(id, index = new MessageIndex())
      return index
    }
    const add = (message: Message) => {
      byId.set(message.id, message)
      all.insert(message)
      conversation(message.conversation_id).insert(message)
    }
    const remove = (message: Message) => {
      byId.delete(message.id)
      all.remove(message)
      conversation(message.conversation_id).remove(message)
    }
    for (const message of options.messages ?? []) add(message)

    const find = (id: string) => {
      const message = byId.get(id)
      return message === undefined ? refuse(404, `no message has id ${id}`) : Effect.succeed(message)
    }

    /** Runs `create` once per idempotency key and body; the same key again answers the first message. */
    const idempotent = (
      key: string | undefined,
      fingerprint: string,
      create: Effect.Effect<Message, ResponseError>
    ): Effect.Effect<Message, ResponseError> =>
      Effect.suspend(() => {
        const earlier = key === undefined ? undefined : keys.get(key)
        if (earlier === undefined) {
          return Effect.tap(create, (message) =>
            Effect.sync(() => {
              if (key !== undefined) keys.set(key, { fingerprint, id: message.id })
            }))
        }
        return earlier.fingerprint === fingerprint
          ? find(earlier.id)
          : refuse(409, `the idempotency key ${key} was already used with another request`)
      })

    const send = (request: SendMessageRequest): Effect.Effect<Message, ResponseError> =>
      Effect.gen(function*() {
        const replied = request.reply_to_message_id === undefined ? undefined : yield* find(request.reply_to_message_id)
        const now = DateTime.makeUnsafe(yield* Clock.currentTimeMillis)
        const id = yield* newId("msg")
        const channel_id = replied?.channel_id ?? request.channel_id!
        const recipients = request.recipients ?? [
          ...(request.to ?? []).map((address) => emailParticipant(address, "to")),
          ...(request.cc ?? []).map((address) => emailParticipant(address, "cc")),
          ...(request.bcc ?? []).map((address) => emailParticipant(address, "bcc"))
        ]
        const text = textOf(request.body)
        const message: Message = {
          id,
          channel_id,
          conversation_id: replied?.conversation_id ?? request.conversation_id ?? (yield* newId("cnv")),
          reply_to_message_id: replied?.id ?? null,
          reply_type: replied === undefined ? null : request.reply_type ?? "reply",
          subject: request.subject ?? replied?.subject ?? null,
          direction: "outbound",
          date: now,
          sender: request.sender ??
            emailParticipant(request.from ?? `${channel_id}@channels.convore.example`, "from"),
          recipients,
          snippet: text.slice(0, 100),
          body: request.body,
          text_body: text,
          raw_body: null,
          attachments: [],
          external_message_id: null,
          created_at: now,
          format: "full"
        }
        add(message)
        return message
      })

    const importMessage = (request: ImportMessageRequest): Effect.Effect<Message, ResponseError> =>
      Effect.gen(function*() {
        const replied = request.reply_to_message_id === undefined ? undefined : yield* find(request.reply_to_message_id)
        const known = request.conversation_id === undefined
          ? undefined
          : byConversation.get(request.conversation_id)?.page(undefined, 1).items[0]
        const channel_id = request.channel_id ?? known?.channel_id
        if (channel_id === undefined) {
          return yield* refuse(404, `no conversation has id ${request.conversation_id}; give a channel_id to start one`)
        }
        const text = request.body === undefined ? null : textOf(request.body)
        const message: Message = {
          id: yield* newId("msg"),
          channel_id,
          conversation_id: request.conversation_id ?? (yield* newId("cnv")),
          reply_to_message_id: replied?.id ?? null,
          reply_type: replied === undefined ? null : request.reply_type ?? "reply",
          subject: request.subject ?? null,
          direction: request.direction ?? "inbound",
          date: request.date,
          sender: request.sender,
          recipients: request.recipients,
          snippet: request.snippet ?? text?.slice(0, 100) ?? null,
          body: request.body ?? null,
          text_body: text,
          raw_body: null,
          attachments: [],
          external_message_id: null,
          created_at: DateTime.makeUnsafe(yield* Clock.currentTimeMillis),
          format: "full"
        }
        add(message)
        return message
      })

    return {
      get: find,

      list: (params) =>
        Effect.suspend(() => {
          const position = params.cursor === undefined ? undefined : decodeCursor(params.cursor)
          if (params.cursor !== undefined && position === undefined) {
            return refuse(400, `the cursor ${JSON.stringify(params.cursor)} is not one this server gave out`)
          }
          const index = params.conversation_id === undefined ? all : byConversation.get(params.conversation_id)
          const { items, more } = index?.page(position, params.limit ?? 100) ?? { items: [], more: false }
          const last = items[items.length - 1]
          return Effect.succeed({
            data: items.map((message) => inFormat(message, params.format ?? "full")),
            next_cursor: more && last !== undefined ? encodeCursor(positionOf(last)) : null,
            total_count: index?.size ?? 0
          })
        }),

      send: (request, key) => serialized(idempotent(key, `send ${JSON.stringify(encodeSend(request))}`, send(request))),

      importMessage: (request, key) =>
        serialized(idempotent(key, `import ${JSON.stringify(encodeImport(request))}`, importMessage(request))),

      update: (id, request) =>
        serialized(Effect.map(find(id), (message) => {
          const updated: Message = {
            ...message,
            ...request,
            ...(request.body === undefined ? {} : { text_body: textOf(request.body) })
          }
          remove(message)
          add(updated)
          return updated
        })),

      insert: (messages) =>
        Effect.sync(() => {
          for (const message of messages) {
            const existing = byId.get(message.id)
            if (existing !== undefined) remove(existing)
            add(message)
          }
        }),

      messages: Effect.sync(() => all.all())
    }
  })

/** The store a test or mock server works on; read it to see what the API holds. */
export class MessageStore
  extends Context.Service<MessageStore, MessageStoreService>()("@convore/testing/MessageStore")
{
  /** A fresh store, outside any layer. */
  static readonly make = make

  /** A fresh store. */
  static readonly layer = (options?: MessageStoreOptions): Layer.Layer<MessageStore> =>
    Layer.effect(MessageStore, make(options))
}
