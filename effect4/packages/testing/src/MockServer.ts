/**
 * The mock Convore server: the `MessageStore` served over real HTTP with
 * effect's `HttpRouter` and `NodeHttpServer`, speaking the contract's wire format
 * (`../shared/contract/openapi.yaml`): Bearer key check, problem+json errors,
 * an `X-Request-Id` on every response. For resilience tests it can add
 * latency, fail a seeded share of requests, answer the next N requests
 * with a given status (with `Retry-After`), and fail connections on purpose:
 * reset before the headers or mid-body, a body cut short, a POST whose answer
 * is lost after the message was stored.
 */
import {
  describeIssue,
  firstIssue,
  IdempotencyKey,
  ImportMessageRequest,
  ListMessagesParams,
  Message,
  PageLimit,
  PageMessage,
  type ResponseError,
  SendMessageRequest,
  statusOf,
  titleOf,
  UpdateMessageRequest
} from "@convore/core"
import { NodeHttpServer, NodeHttpServerRequest } from "@effect/platform-node"
import { Context, Duration, Effect, Layer, Result, Schema } from "effect"
import {
  HttpMiddleware,
  HttpRouter,
  HttpServer,
  HttpServerError,
  HttpServerRequest,
  HttpServerResponse
} from "effect/http"
import { NetAddress } from "effect/net"
import { createServer, type ServerResponse } from "node:http"
import { MessageStore, type MessageStoreOptions, type MessageStoreService } from "./MessageStore.js"
import * as Prng from "./Prng.js"

/** Faults to inject, all off by default. Rates are shares of requests, 0 to 1, drawn from a seeded generator. */
export interface Faults {
  /** Added before every answer. */
  readonly latency?: Duration.Input
  /** Answered 503 instead. */
  readonly failureRate?: number
  /** Answered 429 instead (with `retryAfter`). */
  readonly rateLimitRate?: number
  /** The connection is reset before any answer. */
  readonly resetBeforeHeadersRate?: number
  /** The status, the headers and half the body are sent, then the connection is reset. */
  readonly resetMidBodyRate?: number
  /** The status and headers (with the full `Content-Length`) and half the body, then the connection closes. */
  readonly truncatedBodyRate?: number
  /** Of the POSTs that succeed: the message is stored, then the connection drops before the answer. */
  readonly dropAfterCommitRate?: number
  /** The seed of the generator (default 1). */
  readonly seed?: number
  /** `Retry-After` seconds sent with injected 429 and 503 answers. */
  readonly retryAfter?: number
}

/** The kinds of fault the server can inject, as recorded in `ServedRequest.fault`. */
export type FaultKind =
  | "ServiceUnavailable"
  | "RateLimited"
  | "ResetBeforeHeaders"
  | "ResetMidBody"
  | "TruncatedBody"
  | "DroppedAfterCommit"
  | "Forced"

/** How the mock server starts. */
export interface MockServerOptions extends MessageStoreOptions {
  /** The key clients must send as `Authorization: Bearer …`. */
  readonly apiKey: string
  /** The port to listen on (default 0: any free port). */
  readonly port?: number
  /** The address to listen on (default 127.0.0.1). */
  readonly host?: string
  readonly faults?: Faults
  /**
   * Answer CORS preflights and let any origin read the answers (with
   * `X-Request-Id` and `Retry-After`), so a web app in a browser can be tested
   * against the server (default false; on in the `convore-mock-server` bin).
   */
  readonly cors?: boolean
}

/** A request the server answered (or failed on purpose). */
export interface ServedRequest {
  readonly method: string
  readonly path: string
  readonly idempotencyKey: string | undefined
  /** The status answered, or would have been, for a connection failed on purpose. */
  readonly status: number
  /** The fault injected into this request, if any. */
  readonly fault: FaultKind | undefined
  /** The W3C trace context the client sent, if any. */
  readonly traceparent: string | undefined
}

/** A running mock server. */
export interface MockServerService {
  /** Its base URL, `http://127.0.0.1:<port>`. */
  readonly url: string
  readonly store: MessageStoreService
  /** Answers the next `count` requests with `status` (and `Retry-After: retryAfter`, when given). */
  readonly failNext: (count: number, status: number, retryAfter?: number) => Effect.Effect<void>
  /** Replaces the faults in force. */
  readonly setFaults: (faults: Faults) => Effect.Effect<void>
  /** Every request answered so far, oldest first. */
  readonly requests: Effect.Effect<ReadonlyArray<ServedRequest>>
}

/** A response that ends a request early (an error answer), carried in the error channel; never leaves the app. */
class Answer {
  constructor(readonly response: HttpServerResponse.HttpServerResponse) {}
}

const problem = (status: number, detail: string, headers: Record<string, string> = {}) =>
  new Answer(HttpServerResponse.jsonUnsafe({ type: "about:blank", title: titleOf(status), status, detail }, {
    status,
    contentType: "application/problem+json",
    headers
  }))

const fromError = (error: ResponseError) => {
  const retryAfter = error._tag === "RateLimited" && error.retryAfter !== undefined
    ? { "retry-after": String(Math.ceil(Duration.toSeconds(error.retryAfter))) }
    : undefined
  return problem(statusOf(error), error.detail ?? error.message, retryAfter)
}

const encodeMessage = Schema.encodeSync(Message)
const encodePage = Schema.encodeSync(PageMessage)

/** A schema problem, answered with `status` and the first issue. */
const invalid = (status: number) => (error: Schema.SchemaError) => problem(status, describeIssue(firstIssue(error)))

/** Decodes with the refused value in each issue, so the messages name it as the client's do. */
const reportInput = { reportInput: true } as const

/** The JSON body read with `schema`: 400 when it is not JSON, 422 when it breaks the contract. */
const body = <A>(schema: Schema.Decoder<A>) =>
  HttpServerRequest.schemaBodyJson(schema, reportInput).pipe(
    Effect.catchTags({
      HttpServerError: () => Effect.fail(problem(400, "the body is not JSON")),
      SchemaError: (error) => Effect.fail(invalid(422)(error))
    })
  )

/** `GET /v1/messages`' query: the list parameters, `limit` read from its digits. */
const ListQuery = Schema.Struct({
  ...ListMessagesParams.fields,
  limit: Schema.optionalKey(Schema.NumberFromString.pipe(Schema.decodeTo(PageLimit)))
})

const query = HttpServerRequest.schemaSearchParams(ListQuery, reportInput).pipe(Effect.mapError(invalid(400)))

/** The `Idempotency-Key` header, when sent: 400 when it is not one. */
const idempotencyKey = HttpServerRequest.schemaHeaders(
  Schema.Struct({ "idempotency-key": Schema.optionalKey(IdempotencyKey) })
).pipe(
  Effect.map((headers) => headers["idempotency-key"]),
  Effect.mapError(() => problem(400, "Idempotency-Key must be 1 to 255 printable ASCII characters"))
)

/** The message id of the path (the router has decoded its percent-encoding). */
const messageId = HttpRouter.schemaPathParams(Schema.Struct({ message_id: Schema.String }), reportInput).pipe(
  Effect.map((params) => params.message_id),
  Effect.mapError(invalid(400))
)

/** The paths the API serves: a request on one of them with another method is answered 405, not 404. */
const servedPath = /^\/v1\/messages(\/[^/]+)?$/

/** A failure of the router's: no route for the path, answered 405 on a served path, 404 (or 400) otherwise. */
const notRouted = (request: HttpServerRequest.HttpServerRequest, error: HttpServerError.HttpServerError) => {
  if (error.reason._tag !== "RouteNotFound") return problem(500, error.message)
  const path = new URL(request.url, "http://mock.invalid").pathname
  // the router finds no route for a path it cannot percent-decode
  return Result.isFailure(Result.try(() => decodeURIComponent(path)))
    ? problem(400, "the path is not valid percent-encoding")
    : servedPath.test(path)
    ? problem(405, `${request.method} is not allowed on ${path}`)
    : problem(404, `no route ${request.method} ${path}`)
}

/** The API's routes over `store`, behind the Bearer key check; built in the scope of the server. */
const api = (store: MessageStoreService, apiKey: string) => {
  const ok = (json: unknown) => HttpServerResponse.jsonUnsafe(json)
  const stored = <A>(effect: Effect.Effect<A, ResponseError>) => Effect.mapError(effect, fromError)
  const routes = HttpRouter.addAll([
    HttpRouter.route(
      "GET",
      "/v1/messages",
      Effect.gen(function*() {
        return ok(encodePage(yield* stored(store.list(yield* query))))
      })
    ),
    HttpRouter.route(
      "POST",
      "/v1/messages",
      Effect.gen(function*() {
        const key = yield* idempotencyKey
        return ok(encodeMessage(yield* stored(store.send(yield* body(SendMessageRequest), key))))
      })
    ),
    HttpRouter.route(
      "POST",
      "/v1/messages/import",
      Effect.gen(function*() {
        const key = yield* idempotencyKey
        return ok(encodeMessage(yield* stored(store.importMessage(yield* body(ImportMessageRequest), key))))
      })
    ),
    HttpRouter.route(
      "GET",
      "/v1/messages/:message_id",
      Effect.gen(function*() {
        return ok(encodeMessage(yield* stored(store.get(yield* messageId))))
      })
    ),
    HttpRouter.route(
      "PATCH",
      "/v1/messages/:message_id",
      Effect.gen(function*() {
        const id = yield* messageId
        return ok(encodeMessage(yield* stored(store.update(id, yield* body(UpdateMessageRequest)))))
      })
    )
  ])
  return Effect.map(HttpRouter.toHttpEffect(routes), (router) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      if (request.headers["authorization"] !== `Bearer ${apiKey}`) {
        return yield* Effect.fail(problem(401, "a valid API key is needed, as Authorization: Bearer <key>"))
      }
      return yield* router.pipe(
        Effect.catchIf(HttpServerError.isHttpServerError, (error) => Effect.fail(notRouted(request, error)))
      )
    }))
}

/** The bytes of a response's body, as the platform built it. */
const bodyBytes = (response: HttpServerResponse.HttpServerResponse): Uint8Array =>
  response.body._tag === "Uint8Array" ? response.body.body : new Uint8Array(0)

/** Fails the connection on purpose: `reset` sends a TCP reset, otherwise the connection just closes. */
const breakConnection = (
  request: HttpServerRequest.HttpServerRequest,
  how: { readonly send?: HttpServerResponse.HttpServerResponse; readonly reset: boolean }
) =>
  Effect.andThen(
    Effect.sync(() => {
      // the server is `createServer`'s, HTTP/1: its responses are `ServerResponse`s
      const raw = NodeHttpServerRequest.toServerResponse(request) as ServerResponse
      if (how.send !== undefined) {
        const body = bodyBytes(how.send)
        raw.writeHead(how.send.status, {
          "content-type": how.send.headers["content-type"] ?? "application/json",
          "content-length": String(body.length)
        })
        raw.write(body.subarray(0, Math.floor(body.length / 2)))
      }
      if (how.reset) raw.socket?.resetAndDestroy()
      else raw.socket?.end()
    }),
    // the platform interrupts this handler when the connection closes
    Effect.never
  )

/** Makes the server's control and its HTTP app over `routes`, the API's. */
const make = <R>(
  options: MockServerOptions,
  routes: Effect.Effect<HttpServerResponse.HttpServerResponse, Answer, R>
) => {
  let faults: Faults = options.faults ?? {}
  let random = Prng.float(faults.seed ?? 1)
  const forced: Array<{ readonly status: number; readonly retryAfter: number | undefined }> = []
  const served: Array<ServedRequest> = []
  let counter = 0

  /** The fault to inject into this request, drawn once per request. */
  const draw = (): FaultKind | undefined => {
    if (forced.length > 0) return "Forced"
    const kinds: ReadonlyArray<readonly [FaultKind, number | undefined]> = [
      ["ServiceUnavailable", faults.failureRate],
      ["RateLimited", faults.rateLimitRate],
      ["ResetBeforeHeaders", faults.resetBeforeHeadersRate],
      ["ResetMidBody", faults.resetMidBodyRate],
      ["TruncatedBody", faults.truncatedBodyRate]
    ]
    if (kinds.every(([, rate]) => rate === undefined)) return undefined
    let r = random()
    for (const [kind, rate] of kinds) {
      if (r < (rate ?? 0)) return kind
      r -= rate ?? 0
    }
    return undefined
  }

  const injectedStatus = (status: number, retryAfter: number | undefined) =>
    problem(
      status,
      "injected by the mock server",
      retryAfter === undefined ? {} : { "retry-after": String(retryAfter) }
    )
      .response

  const app = Effect.gen(function*() {
    const request = yield* HttpServerRequest.HttpServerRequest
    const url = new URL(request.url, "http://mock.invalid")
    const requestId = `req_${String(++counter).padStart(6, "0")}`
    const record = (status: number, fault: FaultKind | undefined) =>
      served.push({
        method: request.method,
        path: url.pathname + url.search,
        idempotencyKey: request.headers["idempotency-key"],
        status,
        fault,
        traceparent: request.headers["traceparent"]
      })
    if (faults.latency !== undefined) yield* Effect.sleep(faults.latency)
    const fault = draw()
    if (fault === "Forced") {
      const next = forced.shift()!
      record(next.status, fault)
      return HttpServerResponse.setHeader(injectedStatus(next.status, next.retryAfter), "x-request-id", requestId)
    }
    if (fault === "ServiceUnavailable" || fault === "RateLimited") {
      const status = fault === "RateLimited" ? 429 : 503
      record(status, fault)
      return HttpServerResponse.setHeader(injectedStatus(status, faults.retryAfter), "x-request-id", requestId)
    }
    if (fault === "ResetBeforeHeaders") {
      record(0, fault)
      return yield* breakConnection(request, { reset: true })
    }
    const response = HttpServerResponse.setHeader(
      yield* routes.pipe(Effect.catch((answer) => Effect.succeed(answer.response))),
      "x-request-id",
      requestId
    )
    if (fault === "ResetMidBody" || fault === "TruncatedBody") {
      record(response.status, fault)
      return yield* breakConnection(request, { send: response, reset: fault === "ResetMidBody" })
    }
    if (
      request.method === "POST" && response.status === 200 && faults.dropAfterCommitRate !== undefined &&
      random() < faults.dropAfterCommitRate
    ) {
      record(200, "DroppedAfterCommit")
      return yield* breakConnection(request, { reset: true })
    }
    record(response.status, undefined)
    return response
  })

  const control = {
    failNext: (count: number, status: number, retryAfter?: number) =>
      Effect.sync(() => {
        for (let i = 0; i < count; i++) forced.push({ status, retryAfter })
      }),
    setFaults: (next: Faults) =>
      Effect.sync(() => {
        faults = next
        random = Prng.float(next.seed ?? 1)
      }),
    requests: Effect.sync(() => served.slice())
  }
  return { app, control }
}

/** A running mock server, with the store it serves. */
export class MockServer extends Context.Service<MockServer, MockServerService>()("@convore/testing/MockServer") {
  /**
   * Starts a mock server for the life of the layer, over a fresh store seeded
   * with `options.messages`; the `MessageStore` is provided too.
   */
  static readonly layer = (
    options: MockServerOptions
  ): Layer.Layer<MockServer | MessageStore, HttpServerError.ServeError> =>
    Layer.effect(
      MockServer,
      Effect.gen(function*() {
        const store = yield* MessageStore
        const { app, control } = make(options, yield* api(store, options.apiKey))
        // the platform runs a handler uninterruptibly unless told otherwise: a connection failed on purpose
        // (see `breakConnection`) ends its handler by interrupting it
        const handler = Effect.interruptible(app)
        yield* HttpServer.serveEffect(
          options.cors === true
            ? HttpMiddleware.cors({ exposedHeaders: ["x-request-id", "retry-after", "retry-after-ms"] })(handler)
            : handler
        )
        const { address } = yield* HttpServer.HttpServer
        // `http://<host>:<port>`; an address no URL can name (a scoped IPv6 one) fails the layer
        const url = yield* Effect.fromResult(NetAddress.formatUrl(address)).pipe(
          Effect.mapError((cause) => new HttpServerError.ServeError({ cause }))
        )
        return { url, store, ...control }
      })
    ).pipe(
      Layer.provide(
        NodeHttpServer.layer(() => createServer(), { port: options.port ?? 0, host: options.host ?? "127.0.0.1" })
      ),
      Layer.provideMerge(MessageStore.layer(options))
    )
}
