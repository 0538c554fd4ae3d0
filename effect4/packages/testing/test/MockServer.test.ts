import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer } from "effect"
import { FetchHttpClient } from "effect/http"
import { TestClock } from "effect/testing"
import { Fixtures, MockServer } from "../src/index.js"
import { contractSuite } from "./contract.js"
import { checkAgainstOpenApi } from "./openapi.js"

const apiKey = "sk_test_contract"

/** The HTTP client, every response checked against openapi.yaml, talking to a fresh mock server. */
const overHttp = (key = apiKey) =>
  Layer.unwrap(
    Effect.map(MockServer, (server) =>
      MessagesApi.layer({ baseUrl: server.url, apiKey: key, maxRetries: 0, transformClient: checkAgainstOpenApi }))
  ).pipe(
    Layer.provide(FetchHttpClient.layer),
    Layer.provideMerge(MockServer.layer({ apiKey, messages: Fixtures.conversations }))
  )

contractSuite("HTTP client + mock server", () => overHttp())

describe("mock server", () => {
  it.effect("answers Unauthorized to a wrong key, as problem+json", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(Effect.flatMap(MessagesApi, (api) => api.getMessage("msg_1")))
      expect(error).toMatchObject({ _tag: "Unauthorized", status: 401 })
      expect(error._tag === "Unauthorized" && error.requestId).toMatch(/^req_/)
    }).pipe(Effect.provide(overHttp("sk_wrong"))))

  it.effect("injects the statuses it is told to, with Retry-After", () =>
    Effect.gen(function*() {
      const server = yield* MockServer
      const api = yield* MessagesApi
      yield* server.failNext(1, 429, 30)
      const error = yield* Effect.flip(api.getMessage(Fixtures.salesThread[0]!.id))
      expect(error).toMatchObject({ _tag: "RateLimited", status: 429 })
      expect((yield* server.requests).map((r) => r.status)).toEqual([429])
      // the client honours the Retry-After for every call: the next one waits the 30 s out first
      const next = yield* Effect.forkChild(api.getMessage(Fixtures.salesThread[0]!.id))
      yield* TestClock.adjust("29 seconds")
      expect(yield* server.requests).toHaveLength(1)
      yield* TestClock.adjust("1 second")
      yield* Fiber.join(next)
      expect((yield* server.requests).map((r) => r.status)).toEqual([429, 200])
    }).pipe(Effect.provide(overHttp())))

  it.effect("routes with the platform's router: 405 for a served path, 404 for none, 400 for bad input", () =>
    Effect.gen(function*() {
      const server = yield* MockServer
      const answer = (method: string, path: string, body?: string) =>
        Effect.promise(async () => {
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
            ...(body === undefined ? {} : { body })
          })
          const problem = (await response.json()) as { readonly title: string; readonly detail: string }
          return [response.status, problem.title, problem.detail, response.headers.get("x-request-id")?.slice(0, 4)]
        })
      expect(yield* answer("DELETE", "/v1/messages")).toEqual([
        405,
        "Method Not Allowed",
        "DELETE is not allowed on /v1/messages",
        "req_"
      ])
      expect((yield* answer("PUT", "/v1/messages/msg_1")).slice(0, 2)).toEqual([405, "Method Not Allowed"])
      expect((yield* answer("GET", "/v2/messages")).slice(0, 3)).toEqual([
        404,
        "Not Found",
        "no route GET /v2/messages"
      ])
      expect((yield* answer("GET", "/v1/messages/%E0%A4%A")).slice(0, 3)).toEqual([
        400,
        "Bad Request",
        "the path is not valid percent-encoding"
      ])
      expect((yield* answer("GET", "/v1/messages/msg%20x")).slice(0, 3)).toEqual([
        404,
        "Not Found",
        "no message has id msg x"
      ])
      expect((yield* answer("GET", "/v1/messages?limit=1.5")).slice(0, 3)).toEqual([
        400,
        "Bad Request",
        "at limit: limit must be an integer from 1 to 100, got 1.5"
      ])
      expect((yield* answer("POST", "/v1/messages", "{")).slice(0, 3)).toEqual([
        400,
        "Bad Request",
        "the body is not JSON"
      ])
      expect((yield* answer("POST", "/v1/messages/import", "{}")).slice(0, 2)).toEqual([422, "Unprocessable Entity"])
    }).pipe(Effect.provide(overHttp())))
})
