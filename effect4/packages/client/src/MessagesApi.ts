/**
 * `MessagesApi`: the Convore Messages API as an Effect service. This module
 * holds the tag, the service's interface, `MessagesApi.fromOperations` (which
 * gives any implementation the same input checks, idempotency keys and
 * streams), `MessagesApi.make` (the implementation over HTTP), and the layers
 * `MessagesApi.layer` and `MessagesApi.layerConfig`.
 */
import {
  FastDecoder,
  type ImportMessageRequest,
  type InvalidRequest,
  type ListMessagesParams,
  Message,
  type MessagesApiError,
  PageMessage,
  type PaginationError,
  type SendMessageRequest,
  type UpdateMessageRequest,
  withOperation
} from "@convore/core"
import { Config, Context, Effect, Layer, Ref, Result, type Stream } from "effect"
import { constTrue } from "effect/Function"
import { HttpClient, HttpClientRequest } from "effect/http"
import * as ClientOptions from "./ClientOptions.js"
import * as Redaction from "./internal/Redaction.js"
import * as RequestExecutor from "./internal/RequestExecutor.js"
import { userAgent } from "./internal/Version.js"
import * as OperationInputs from "./OperationInputs.js"
import * as Pagination from "./Pagination.js"
import * as WireJson from "./WireJson.js"

/** The five operations of the API; an implementation of the service provides these. */
export interface MessagesApiOperations {
  /** `GET /v1/messages/{message_id}`: one message. */
  readonly getMessage: (
    messageId: string,
    options?: ClientOptions.RequestOptions
  ) => Effect.Effect<Message, MessagesApiError>
  /** `GET /v1/messages`: one page of messages, newest first. */
  readonly listMessages: (
    params?: ListMessagesParams,
    options?: ClientOptions.RequestOptions
  ) => Effect.Effect<PageMessage, MessagesApiError>
  /**
   * `POST /v1/messages`: send a message, always with an `Idempotency-Key`: the
   * caller's, or a UUID made when `sendMessage` is called. Every attempt of the
   * returned effect, and every run of it (`Effect.retry` included), sends that
   * same key, so the message is created once; call `sendMessage` again for another.
   */
  readonly sendMessage: (
    request: SendMessageRequest,
    options?: ClientOptions.CreateOptions
  ) => Effect.Effect<Message, MessagesApiError>
  /** `POST /v1/messages/import`: record a message without sending it; idempotent as `sendMessage` is. */
  readonly importMessage: (
    request: ImportMessageRequest,
    options?: ClientOptions.CreateOptions
  ) => Effect.Effect<Message, MessagesApiError>
  /** `PATCH /v1/messages/{message_id}`: change the fields the request carries. */
  readonly updateMessage: (
    messageId: string,
    request: UpdateMessageRequest,
    options?: ClientOptions.RequestOptions
  ) => Effect.Effect<Message, MessagesApiError>
}

/** The service: the five operations, and streams over listings built on `listMessages`. */
export interface MessagesApiService extends MessagesApiOperations {
  /** Every page of a listing, fetching ahead of the consumer; see `Pagination`. */
  readonly streamPages: (params?: Pagination.StreamParams) => Stream.Stream<PageMessage, PaginationError>
  /** Every message of a listing, in the server's order. */
  readonly streamMessages: (params?: Pagination.StreamParams) => Stream.Stream<Message, PaginationError>
}

/** `effect`, its errors naming `operation` when they do not name one yet. */
const named = <A>(operation: string, effect: Effect.Effect<A, MessagesApiError>) =>
  Effect.mapError(effect, (error) => withOperation(error, operation))

/**
 * An operation that sends a body. Besides the request it gets the body the
 * input check encoded to its wire form: an implementation that sends it (over
 * HTTP) has no need to encode it again; one that keeps requests (in memory, a
 * stub) leaves it.
 */
type WithBody<Request, Options> = (
  request: Request,
  options: Options,
  body: unknown
) => Effect.Effect<Message, MessagesApiError>

/**
 * A create (`sendMessage`, `importMessage`) with its body checked and its
 * idempotency key made when it is called: `run` always gets the key.
 */
const create = <Request>(
  operation: string,
  checkBody: (request: Request) => Result.Result<unknown, InvalidRequest>,
  makeKey: (options: ClientOptions.CreateOptions | undefined) => Result.Result<string, InvalidRequest>,
  run: WithBody<Request, ClientOptions.CreateOptions>
) =>
(request: Request, options?: ClientOptions.CreateOptions): Effect.Effect<Message, MessagesApiError> => {
  const key = makeKey(options)
  return named(
    operation,
    Effect.flatMap(
      Effect.fromResult(Result.all([checkBody(request), key])),
      ([body, idempotencyKey]) => run(request, { ...options, idempotencyKey }, body)
    )
  )
}

/**
 * The operations as the service calls them once their input is checked: each
 * that sends a body also gets it as the check encoded it (see `WithBody`).
 * Any `MessagesApiOperations` is one: a function may leave the last argument.
 */
interface CheckedOperations extends Pick<MessagesApiOperations, "getMessage" | "listMessages"> {
  readonly sendMessage: WithBody<SendMessageRequest, ClientOptions.CreateOptions>
  readonly importMessage: WithBody<ImportMessageRequest, ClientOptions.CreateOptions>
  readonly updateMessage: (
    messageId: string,
    request: UpdateMessageRequest,
    options: ClientOptions.RequestOptions | undefined,
    body: unknown
  ) => Effect.Effect<Message, MessagesApiError>
}

/**
 * The operations with their input checked (`OperationInputs`, failing with
 * `InvalidRequest` before `operations` is called) and every error naming its
 * operation. A create's idempotency key is made when the method is called
 * and its body checked when the effect runs, so every run of the effect
 * repeats the same logical call; `operations` always gets the key.
 */
const checked = (operations: CheckedOperations): MessagesApiOperations => ({
  getMessage: (messageId, options) =>
    named(
      "getMessage",
      Effect.flatMap(
        Effect.fromResult(OperationInputs.getMessageId(messageId)),
        () => operations.getMessage(messageId, options)
      )
    ),
  listMessages: (params = {}, options) =>
    named(
      "listMessages",
      Effect.flatMap(
        Effect.fromResult(OperationInputs.listParams(params)),
        () => operations.listMessages(params, options)
      )
    ),
  sendMessage: create(
    "sendMessage",
    OperationInputs.sendRequest,
    OperationInputs.sendIdempotencyKey,
    operations.sendMessage
  ),
  importMessage: create(
    "importMessage",
    OperationInputs.importRequest,
    OperationInputs.importIdempotencyKey,
    operations.importMessage
  ),
  updateMessage: (messageId, request, options) =>
    named(
      "updateMessage",
      Effect.flatMap(
        Effect.fromResult(
          Result.andThen(OperationInputs.updateMessageId(messageId), () => OperationInputs.updateRequest(request))
        ),
        (body) => operations.updateMessage(messageId, request, options, body)
      )
    )
})

/** The service of checked operations, with the streams written on its `listMessages`. */
const serviceOf = (operations: CheckedOperations): MessagesApiService => {
  const service = checked(operations)
  return {
    ...service,
    streamPages: (params) => Pagination.streamPages(service.listMessages, params),
    streamMessages: (params) => Pagination.streamMessages(service.listMessages, params)
  }
}

/** Decoders of a message and a page, remembering each message's wire JSON (see `WireJson`). */
const decoders = (message: FastDecoder.Decoder<Message>, page: FastDecoder.Decoder<PageMessage>) => ({
  page,
  decodeMessage: (json: unknown) => Result.map(message(json), (decoded) => WireJson.remember(decoded, json)),
  decodePage: (json: unknown) =>
    Result.map(page(json), (decoded) => {
      const wire = (json as { readonly data: ReadonlyArray<unknown> }).data
      for (let i = 0; i < decoded.data.length; i++) WireJson.remember(decoded.data[i]!, wire[i])
      return decoded
    })
})

// made once, when the module loads: every client shares them
const compiled = decoders(FastDecoder.make(Message), FastDecoder.make(PageMessage))

const messagePath = (id: string) => `/v1/messages/${encodeURIComponent(id)}`

/** The five operations over HTTP, for input `checked` has checked and encoded; see `MessagesApi.make`. */
const makeHttp = (
  options: ClientOptions.MessagesApiOptions
): Effect.Effect<CheckedOperations, Config.ConfigError, HttpClient.HttpClient> =>
  Effect.gen(function*() {
    const resolved = yield* Effect.fromResult(ClientOptions.resolve(options))
    const transform = options.transformClient ?? ((client) => client)
    const client = transform((yield* HttpClient.HttpClient).pipe(
      // each operation's own span (see RequestExecutor) is the client span; a second one per
      // request would double the tracing cost of every call
      HttpClient.transformResponse(Effect.provideService(HttpClient.TracerDisabledWhen, constTrue)),
      HttpClient.mapRequest((request) =>
        request.pipe(
          HttpClientRequest.prependUrl(resolved.baseUrl),
          HttpClientRequest.bearerToken(resolved.apiKey),
          HttpClientRequest.acceptJson,
          HttpClientRequest.setHeader("user-agent", userAgent)
        )
      )
    ))
    const { decodeMessage, decodePage, page } = options.compiledDecoder === false
      ? decoders(FastDecoder.make(Message, { compile: false }), FastDecoder.make(PageMessage, { compile: false }))
      : compiled
    if (!page.compiled) {
      // the answers are the same, only slower: say so once, where someone debugging speed will look
      const fallback = "@convore/client decodes answers with the Schema decoder: its compiled fast path is off"
      yield* Effect.annotateLogs(Effect.logDebug(fallback), "reason", page.reason)
    }
    const pause = options.sharedRateLimitPause === false ? undefined : yield* Ref.make(0)
    const execute = RequestExecutor.make(client, pause, Redaction.scrubber(resolved.apiKey))
    const settings = (operation: string, call: ClientOptions.RequestOptions | undefined) =>
      ClientOptions.forCall(resolved, operation, call)

    /** A POST that creates a message, with the wire body `fromOperations` checked and encoded. */
    const create = (operation: "sendMessage" | "importMessage", path: string): WithBody<
      unknown,
      ClientOptions.CreateOptions
    > =>
    (_request, call, body) =>
      Effect.flatMap(Effect.fromResult(settings(operation, call)), (settings) =>
        execute({
          operation,
          method: "POST",
          route: path,
          path,
          body,
          ...(call.idempotencyKey === undefined ? {} : { idempotencyKey: call.idempotencyKey }),
          decode: decodeMessage
        }, settings))

    return {
      getMessage: (messageId, call) =>
        Effect.flatMap(Effect.fromResult(settings("getMessage", call)), (settings) =>
          execute({
            operation: "getMessage",
            method: "GET",
            route: "/v1/messages/{message_id}",
            path: messagePath(messageId),
            decode: decodeMessage
          }, settings)),

      listMessages: (params = {}, call) =>
        Effect.flatMap(Effect.fromResult(settings("listMessages", call)), (settings) =>
          execute({
            operation: "listMessages",
            method: "GET",
            route: "/v1/messages",
            path: "/v1/messages",
            urlParams: Object.entries(params).flatMap(([key, value]) =>
              value === undefined ? [] : [[key, String(value)] as const]
            ),
            decode: decodePage
          }, settings)),

      sendMessage: create("sendMessage", "/v1/messages"),

      importMessage: create("importMessage", "/v1/messages/import"),

      updateMessage: (messageId, _request, call, body) =>
        Effect.flatMap(Effect.fromResult(settings("updateMessage", call)), (settings) =>
          execute({
            operation: "updateMessage",
            method: "PATCH",
            route: "/v1/messages/{message_id}",
            path: messagePath(messageId),
            body,
            decode: decodeMessage
          }, settings))
    }
  })

/**
 * The Convore Messages API. Provide it with `MessagesApi.layer(options)` (over
 * an `HttpClient` of your choice), `MessagesApi.layerConfig()` (from the
 * environment), or `InMemoryMessagesApi.layer()` from `@convore/testing`.
 */
export class MessagesApi extends Context.Service<MessagesApi, MessagesApiService>()("@convore/client/MessagesApi") {
  /**
   * A service from the five operations: each checks its input first (so the
   * implementation is only called with input the contract accepts), makes
   * the idempotency key of a create when called, names its operation in its
   * errors; the streams are written on top of `listMessages`.
   */
  static readonly fromOperations = (operations: MessagesApiOperations): MessagesApiService => serviceOf(operations)

  /**
   * The service over HTTP, through the `HttpClient` in context, built as
   * `fromOperations` builds any: each operation checks its input, then hands
   * an endpoint to the request executor with the body the check encoded.
   * Fails with `ConfigError` for options that make no sense.
   */
  static readonly make = (
    options: ClientOptions.MessagesApiOptions
  ): Effect.Effect<MessagesApiService, Config.ConfigError, HttpClient.HttpClient> =>
    Effect.map(makeHttp(options), serviceOf)

  /**
   * The API over HTTP. Needs an `HttpClient`: on Node `NodeHttpClient.layerUndici`
   * from `@effect/platform-node`, elsewhere `FetchHttpClient.layer` from
   * `effect/http`.
   * Options that make no sense (a negative `maxRetries`, a `baseUrl` with a
   * query, an empty key…) fail the layer with a `ConfigError` naming them.
   */
  static readonly layer = (
    options: ClientOptions.MessagesApiOptions
  ): Layer.Layer<MessagesApi, Config.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(MessagesApi, MessagesApi.make(options))

  /**
   * The API over HTTP, configured from `CONVORE_BASE_URL` (default
   * `http://localhost:8080`) and `CONVORE_API_KEY` (read as `Redacted`), plus
   * any other `options`.
   */
  static readonly layerConfig = (
    options: Omit<ClientOptions.MessagesApiOptions, "baseUrl" | "apiKey"> = {}
  ): Layer.Layer<MessagesApi, Config.ConfigError, HttpClient.HttpClient> =>
    Layer.unwrap(
      Effect.map(
        // decoded by the schemas `layer` decodes its options with, so the two always agree
        Config.all({
          baseUrl: Config.schema(ClientOptions.BaseUrl, "CONVORE_BASE_URL").pipe(
            Config.withDefault(ClientOptions.defaultBaseUrl)
          ),
          apiKey: Config.schema(ClientOptions.ApiKey, "CONVORE_API_KEY")
        }),
        (config) => MessagesApi.layer({ ...options, ...config })
      )
    )
}
