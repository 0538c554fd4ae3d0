/**
 * `MessagesApi`: the Convore Messages API as an Effect service.
 */
import type {
  ImportMessageRequest,
  ListMessagesParams,
  Message,
  MessagesApiError,
  PageMessage,
  PaginationError,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import type { HttpClient } from "@effect/platform"
import { Config, ConfigError, Context, Effect, Either, Layer, Redacted, type Stream } from "effect"
import type { CreateOptions, MessagesApiOptions, RequestOptions } from "./ClientOptions.js"
import { apiKeyProblem, baseUrlProblem, defaultBaseUrl } from "./ClientOptions.js"
import * as HttpMessagesApi from "./HttpMessagesApi.js"
import * as Pagination from "./Pagination.js"

/** A config value `problem` has nothing against, or `InvalidData` saying what is wrong with it. */
const checked = (problem: (value: string) => string | undefined) => (value: string) => {
  const found = problem(value)
  return found === undefined ? Either.right(value) : Either.left(ConfigError.InvalidData([], found))
}

/** The five operations of the API; an implementation of the service provides these. */
export interface MessagesApiOperations {
  /** `GET /v1/messages/{message_id}`: one message. */
  readonly getMessage: (messageId: string, options?: RequestOptions) => Effect.Effect<Message, MessagesApiError>
  /** `GET /v1/messages`: one page of messages, newest first. */
  readonly listMessages: (
    params?: ListMessagesParams,
    options?: RequestOptions
  ) => Effect.Effect<PageMessage, MessagesApiError>
  /**
   * `POST /v1/messages`: send a message, always with an `Idempotency-Key`: the
   * caller's, or a UUID made when `sendMessage` is called. Every attempt of the
   * returned effect, and every run of it (`Effect.retry` included), sends that
   * same key, so the message is created once; call `sendMessage` again for another.
   */
  readonly sendMessage: (
    request: SendMessageRequest,
    options?: CreateOptions
  ) => Effect.Effect<Message, MessagesApiError>
  /** `POST /v1/messages/import`: record a message without sending it; idempotent as `sendMessage` is. */
  readonly importMessage: (
    request: ImportMessageRequest,
    options?: CreateOptions
  ) => Effect.Effect<Message, MessagesApiError>
  /** `PATCH /v1/messages/{message_id}`: change the fields the request carries. */
  readonly updateMessage: (
    messageId: string,
    request: UpdateMessageRequest,
    options?: RequestOptions
  ) => Effect.Effect<Message, MessagesApiError>
}

/** The service: the five operations, and streams over listings built on `listMessages`. */
export interface MessagesApiService extends MessagesApiOperations {
  /** Every page of a listing, fetching ahead of the consumer; see `Pagination`. */
  readonly streamPages: (params?: Pagination.StreamParams) => Stream.Stream<PageMessage, PaginationError>
  /** Every message of a listing, in the server's order. */
  readonly streamMessages: (params?: Pagination.StreamParams) => Stream.Stream<Message, PaginationError>
}

/**
 * The Convore Messages API. Provide it with `MessagesApi.layer(options)` (over
 * an `HttpClient` of your choice), `MessagesApi.layerConfig()` (from the
 * environment), or `InMemoryMessagesApi.layer()` from `@convore/testing`.
 */
export class MessagesApi extends Context.Tag("@convore/client/MessagesApi")<MessagesApi, MessagesApiService>() {
  /** A service from the five operations, with the streams written on top of `listMessages`. */
  static readonly fromOperations = (operations: MessagesApiOperations): MessagesApiService => ({
    ...operations,
    streamPages: (params) => Pagination.streamPages(operations.listMessages, params),
    streamMessages: (params) => Pagination.streamMessages(operations.listMessages, params)
  })

  /**
   * The API over HTTP. Needs an `HttpClient`: `FetchHttpClient.layer` from
   * `@effect/platform`, or `NodeHttpClient.layerUndici` from `@effect/platform-node`.
   * Options that make no sense (a negative `maxRetries`, a `baseUrl` with a
   * query, an empty key…) fail the layer with a `ConfigError` naming them.
   */
  static readonly layer = (
    options: MessagesApiOptions
  ): Layer.Layer<MessagesApi, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.effect(MessagesApi, Effect.map(HttpMessagesApi.make(options), MessagesApi.fromOperations))

  /**
   * The API over HTTP, configured from `CONVORE_BASE_URL` (default
   * `http://localhost:8080`) and `CONVORE_API_KEY` (read as `Redacted`), plus
   * any other `options`.
   */
  static readonly layerConfig = (
    options: Omit<MessagesApiOptions, "baseUrl" | "apiKey"> = {}
  ): Layer.Layer<MessagesApi, ConfigError.ConfigError, HttpClient.HttpClient> =>
    Layer.unwrapEffect(
      Effect.map(
        Config.all({
          baseUrl: Config.string("CONVORE_BASE_URL").pipe(
            Config.mapOrFail(checked(baseUrlProblem)),
            Config.withDefault(defaultBaseUrl)
          ),
          // checked before it is wrapped, as `Config.redacted` would wrap it: no message quotes it
          apiKey: Config.string("CONVORE_API_KEY").pipe(
            Config.mapOrFail(checked(apiKeyProblem)),
            Config.map(Redacted.make)
          )
        }),
        (config) => MessagesApi.layer({ ...options, ...config })
      )
    )
}
