/**
 * The five operations over HTTP: each checks its input (`OperationInputs`,
 * failing with `InvalidRequest` before anything is sent), then hands an
 * endpoint to the request executor.
 */
import { FastDecoder, type InvalidRequest, Message, type MessagesApiError, PageMessage } from "@convore/core"
import { HttpClient, HttpClientRequest } from "@effect/platform"
import { type ConfigError, Effect, Either, Redacted, Ref } from "effect"
import * as ClientOptions from "./ClientOptions.js"
import type { MessagesApiOperations } from "./MessagesApi.js"
import * as OperationInputs from "./OperationInputs.js"
import * as Redaction from "./Redaction.js"
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

const messagePath = (id: string) => `/v1/messages/${encodeURIComponent(id)}`

/** The HTTP implementation of the operations, over the `HttpClient` in context. */
export const make = (
  options: ClientOptions.MessagesApiOptions
): Effect.Effect<MessagesApiOperations, ConfigError.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* ClientOptions.resolve(options)
    const transform = options.transformClient ?? ((client) => client)
    const client = transform((yield* HttpClient.HttpClient).pipe(
      // each operation's own span (see RequestExecutor) is the client span; a second one per
      // request would double the tracing cost of every call
      HttpClient.withTracerDisabledWhen(() => true),
      HttpClient.mapRequest((request) =>
        HttpClientRequest.setHeaders(HttpClientRequest.prependUrl(request, resolved.baseUrl), {
          authorization: `Bearer ${Redacted.value(resolved.apiKey)}`,
          accept: "application/json",
          "user-agent": userAgent
        })
      )
    ))
    if (!fastPage.compiled) {
      // the answers are the same, only slower: say so once, where someone debugging speed will look
      const fallback = "@convore/client decodes answers with the Schema decoder: its compiled fast path is off"
      yield* Effect.annotateLogs(Effect.logDebug(fallback), "reason", fastPage.reason)
    }
    const pause = options.sharedRateLimitPause === false ? undefined : yield* Ref.make(0)
    const execute = RequestExecutor.make(client, pause, Redaction.scrubber(resolved.apiKey))
    const settings = (operation: string, call: ClientOptions.RequestOptions | undefined) =>
      ClientOptions.forCall(resolved, operation, call)

    /**
     * A POST that creates a message: the idempotency key is made when the
     * operation is called, the body checked when its effect runs.
     */
    const create = <Request>(
      operation: "sendMessage" | "importMessage",
      path: string,
      checkBody: (request: Request) => Either.Either<unknown, InvalidRequest>,
      checkKey: (call: ClientOptions.CreateOptions | undefined) => Either.Either<string, InvalidRequest>
    ) =>
    (request: Request, call?: ClientOptions.CreateOptions): Effect.Effect<Message, MessagesApiError> => {
      const idempotency = checkKey(call)
      return Effect.gen(function*() {
        const body = yield* checkBody(request)
        const idempotencyKey = yield* idempotency
        return yield* execute({
          operation,
          method: "POST",
          route: path,
          path,
          body,
          idempotencyKey,
          decode: decodeMessage
        }, yield* settings(operation, call))
      })
    }

    return {
      getMessage: (messageId, call) =>
        Effect.gen(function*() {
          const path = messagePath(yield* OperationInputs.getMessageId(messageId))
          return yield* execute({
            operation: "getMessage",
            method: "GET",
            route: "/v1/messages/{message_id}",
            path,
            decode: decodeMessage
          }, yield* settings("getMessage", call))
        }),

      listMessages: (params = {}, call) =>
        Effect.gen(function*() {
          const query = yield* OperationInputs.listParams(params)
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
          }, yield* settings("listMessages", call))
        }),

      sendMessage: create(
        "sendMessage",
        "/v1/messages",
        OperationInputs.sendRequest,
        OperationInputs.sendIdempotencyKey
      ),

      importMessage: create(
        "importMessage",
        "/v1/messages/import",
        OperationInputs.importRequest,
        OperationInputs.importIdempotencyKey
      ),

      updateMessage: (messageId, request, call) =>
        Effect.gen(function*() {
          const path = messagePath(yield* OperationInputs.updateMessageId(messageId))
          const body = yield* OperationInputs.updateRequest(request)
          return yield* execute({
            operation: "updateMessage",
            method: "PATCH",
            route: "/v1/messages/{message_id}",
            path,
            body,
            decode: decodeMessage
          }, yield* settings("updateMessage", call))
        })
    }
  })
