/**
 * The five operations over HTTP: each checks its input against the contract
 * (failing with `InvalidRequest` before anything is sent), then hands an
 * endpoint to the request executor.
 */
import {
  describeIssue,
  FastDecoder,
  firstIssue,
  IdempotencyKey,
  ImportMessageRequest,
  InvalidRequest,
  ListMessagesParams,
  Message,
  PageMessage,
  PathId,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { Effect, Either, Schema } from "effect"
import * as ClientOptions from "./ClientOptions.js"
import type { MessagesApiOperations } from "./MessagesApi.js"
import * as RequestExecutor from "./RequestExecutor.js"
import { userAgent } from "./Version.js"
import * as WireJson from "./WireJson.js"

const fastMessage = FastDecoder.make(Message)
const fastPage = FastDecoder.make(PageMessage)

/** Decodes a message, remembering its wire JSON (see `WireJson`). */
const decodeMessage = (json: unknown) => Either.map(fastMessage(json), (message) => WireJson.remember(message, json))

/** Decodes a page, remembering each message's wire JSON. */
const decodePage = (json: unknown) =>
  Either.map(fastPage(json), (page) => {
    const wire = (json as { readonly data: ReadonlyArray<unknown> }).data
    for (let i = 0; i < page.data.length; i++) WireJson.remember(page.data[i]!, wire[i])
    return page
  })

/** Encodes `input` with `schema`, or fails with `InvalidRequest` naming the operation and the problem. */
const encode = <A, I>(schema: Schema.Schema<A, I>, operation: string, what: string) => {
  const encodeEither = Schema.encodeUnknownEither(schema)
  return (input: unknown): Either.Either<I, InvalidRequest> =>
    Either.mapLeft(encodeEither(input), (error) => {
      const issue = firstIssue(error)
      const path = issue.path === "" ? what : `${what}.${issue.path}`
      return new InvalidRequest({ message: `${operation}: invalid ${what}: ${describeIssue(issue)}`, path })
    })
}

const messagePath = (operation: string) => {
  const check = encode(PathId, operation, "messageId")
  return (messageId: unknown) => Either.map(check(messageId), (id) => `/v1/messages/${encodeURIComponent(id)}`)
}

/** The HTTP implementation of the operations, over the `HttpClient` in context. */
export const make = (
  options: ClientOptions.MessagesApiOptions
): Effect.Effect<MessagesApiOperations, never, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = ClientOptions.resolve(options)
    const transform = options.transformClient ?? ((client) => client)
    const client = transform((yield* HttpClient.HttpClient).pipe(
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.prependUrl(resolved.baseUrl),
          HttpClientRequest.bearerToken(resolved.apiKey),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", userAgent)
        )
      )
    ))
    const execute = RequestExecutor.make(client)
    const settings = (call: ClientOptions.RequestOptions | undefined) => ClientOptions.forCall(resolved, call)

    const getPath = messagePath("getMessage")
    const updatePath = messagePath("updateMessage")
    const listQuery = encode(ListMessagesParams, "listMessages", "params")
    const sendBody = encode(SendMessageRequest, "sendMessage", "request")
    const importBody = encode(ImportMessageRequest, "importMessage", "request")
    const updateBody = encode(UpdateMessageRequest, "updateMessage", "request")
    const sendKey = encode(IdempotencyKey, "sendMessage", "idempotencyKey")
    const importKey = encode(IdempotencyKey, "importMessage", "idempotencyKey")

    /**
     * The caller's idempotency key, checked, or a fresh UUID. Made when the
     * operation is called, not when its effect runs, so re-running the effect
     * (`Effect.retry`) repeats the same logical call with the same key.
     */
    const idempotencyKey = (check: typeof sendKey, call: ClientOptions.CreateOptions | undefined) =>
      call?.idempotencyKey === undefined ? Either.right(crypto.randomUUID()) : check(call.idempotencyKey)

    return {
      getMessage: (messageId, call) =>
        Effect.gen(function*() {
          const path = yield* getPath(messageId)
          return yield* execute({
            operation: "getMessage",
            method: "GET",
            route: "/v1/messages/{message_id}",
            path,
            decode: decodeMessage
          }, yield* settings(call))
        }),

      listMessages: (params = {}, call) =>
        Effect.gen(function*() {
          const query = yield* listQuery(params)
          const urlParams = Object.entries(query).flatMap(([key, value]) =>
            value === undefined ? [] : [[key, String(value)] as const]
          )
          return yield* execute({
            operation: "listMessages",
            method: "GET",
            route: "/v1/messages",
            path: "/v1/messages",
            urlParams,
            decode: decodePage
          }, yield* settings(call))
        }),

      sendMessage: (request, call) => {
        const idempotency = idempotencyKey(sendKey, call)
        return Effect.gen(function*() {
          const body = yield* sendBody(request)
          const key = yield* idempotency
          return yield* execute({
            operation: "sendMessage",
            method: "POST",
            route: "/v1/messages",
            path: "/v1/messages",
            body,
            idempotencyKey: key,
            decode: decodeMessage
          }, yield* settings(call))
        })
      },

      importMessage: (request, call) => {
        const idempotency = idempotencyKey(importKey, call)
        return Effect.gen(function*() {
          const body = yield* importBody(request)
          const key = yield* idempotency
          return yield* execute({
            operation: "importMessage",
            method: "POST",
            route: "/v1/messages/import",
            path: "/v1/messages/import",
            body,
            idempotencyKey: key,
            decode: decodeMessage
          }, yield* settings(call))
        })
      },

      updateMessage: (messageId, request, call) =>
        Effect.gen(function*() {
          const path = yield* updatePath(messageId)
          const body = yield* updateBody(request)
          return yield* execute({
            operation: "updateMessage",
            method: "PATCH",
            route: "/v1/messages/{message_id}",
            path,
            body,
            decode: decodeMessage
          }, yield* settings(call))
        })
    }
  })
