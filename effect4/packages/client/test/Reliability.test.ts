/**
 * Bad input, malformed answers, rate limits and redirects: the client keeps
 * working, refuses what it must before sending anything, and never turns a
 * strange answer into a defect or a hang.
 */
import { MessagesApi, type MessagesApiService } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Cause, Clock, DateTime, Effect, Exit, Layer } from "effect"
import { createServer, type IncomingHttpHeaders } from "node:http"
import type { AddressInfo } from "node:net"
import { transports } from "./servers.js"
import { apiKey, json, runOnTestClock, stubApi, wireMessage } from "./stub.js"

const participant = { handle: { type: "email", value: "ada@example.com" }, role: "from" } as const
const date = DateTime.makeUnsafe("2024-03-08T10:00:00Z")
const importBase = { conversation_id: "cnv_1", date, sender: participant, recipients: [] }

/** Calls with bad input, each with the start of the message it must be refused with. */
const badInputs: ReadonlyArray<
  readonly [string, (api: MessagesApiService) => Effect.Effect<unknown, { _tag: string; message: string }>, string]
> = [
  ["id \"\"", (api) => api.getMessage(""), "getMessage: invalid messageId: an id must be a non-empty string"],
  ["id \".\"", (api) => api.getMessage("."), "getMessage: invalid messageId: an id cannot be \".\""],
  ["id \"..\"", (api) => api.getMessage(".."), "getMessage: invalid messageId: an id cannot be \"..\""],
  ["id a/b", (api) => api.getMessage("a/b"), "getMessage: invalid messageId: an id cannot contain \"/\""],
  ["id %2F", (api) => api.getMessage("%2F"), "getMessage: invalid messageId: an id cannot contain \"%\""],
  ["id with ?", (api) => api.getMessage("a?x=1"), "getMessage: invalid messageId: an id cannot contain \"?\""],
  ["id with #", (api) => api.getMessage("a#b"), "getMessage: invalid messageId: an id cannot contain \"#\""],
  [
    "id with NUL",
    (api) => api.getMessage("a\u0000b"),
    "getMessage: invalid messageId: an id cannot contain \"\\u0000\""
  ],
  ["id with newline", (api) => api.getMessage("a\nb"), "getMessage: invalid messageId: an id cannot contain \"\\n\""],
  ["id with DEL", (api) => api.updateMessage("a\u007f", {}), "updateMessage: invalid messageId: an id cannot contain"],
  [
    "id of 10,000 characters",
    (api) => api.getMessage("m".repeat(10_000)),
    "getMessage: invalid messageId: an id has at most 255 characters, got 10000"
  ],
  [
    "id not a string",
    (api) => api.getMessage(42 as unknown as string),
    "getMessage: invalid messageId: Expected string, actual 42"
  ],
  [
    "limit 0",
    (api) => api.listMessages({ limit: 0 }),
    "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got 0"
  ],
  [
    "limit 101",
    (api) => api.listMessages({ limit: 101 }),
    "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got 101"
  ],
  [
    "limit 1.5",
    (api) => api.listMessages({ limit: 1.5 }),
    "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got 1.5"
  ],
  [
    "limit -1",
    (api) => api.listMessages({ limit: -1 }),
    "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got -1"
  ],
  [
    "limit NaN",
    (api) => api.listMessages({ limit: Number.NaN }),
    "listMessages: invalid params: at limit: limit must be an integer from 1 to 100, got NaN"
  ],
  [
    "limit \"10\"",
    (api) => api.listMessages({ limit: "10" as unknown as number }),
    "listMessages: invalid params: at limit: Expected number, actual \"10\""
  ],
  [
    "empty cursor",
    (api) => api.listMessages({ cursor: "" }),
    "listMessages: invalid params: at cursor: a cursor must be a non-empty string"
  ],
  [
    "format typo",
    (api) => api.listMessages({ format: "ful" as "full" }),
    "listMessages: invalid params: at format: Expected one of \"minimal\", \"full\", got \"ful\""
  ],
  [
    "empty conversation_id",
    (api) => api.listMessages({ conversation_id: "" }),
    "listMessages: invalid params: at conversation_id: an id must be a non-empty string"
  ],
  [
    "send without channel or reply",
    (api) => api.sendMessage({ body: "x" }),
    "sendMessage: invalid request: a message to send needs channel_id or reply_to_message_id"
  ],
  [
    "send without body",
    (api) => api.sendMessage({ channel_id: "c" } as never),
    "sendMessage: invalid request: at body: is missing"
  ],
  [
    "send with reply_type typo",
    (api) => api.sendMessage({ channel_id: "c", body: "x", reply_type: "replyall" as "reply" }),
    "sendMessage: invalid request: at reply_type: Expected one of"
  ],
  [
    "send with a null subject",
    (api) => api.sendMessage({ channel_id: "c", body: "x", subject: null as unknown as string }),
    "sendMessage: invalid request: at subject: Expected string, actual null"
  ],
  [
    "send with to not a list",
    (api) => api.sendMessage({ channel_id: "c", body: "x", to: "bob@example.com" as unknown as Array<string> }),
    "sendMessage: invalid request: at to:"
  ],
  [
    "send with a bad role",
    (api) => api.sendMessage({ channel_id: "c", body: "x", sender: { ...participant, role: "sender" as "from" } }),
    "sendMessage: invalid request: at sender.role: Expected one of"
  ],
  [
    "send with a 256-character idempotency key",
    (api) => api.sendMessage({ channel_id: "c", body: "x" }, { idempotencyKey: "k".repeat(256) }),
    "sendMessage: invalid idempotencyKey: an idempotency key is 1 to 255 printable ASCII characters"
  ],
  [
    "send with a header-breaking idempotency key",
    (api) => api.sendMessage({ channel_id: "c", body: "x" }, { idempotencyKey: "a\r\nX-Evil: 1" }),
    "sendMessage: invalid idempotencyKey:"
  ],
  [
    "import without conversation or channel",
    (api) => api.importMessage({ date, sender: participant, recipients: [] }),
    "importMessage: invalid request: a message to import needs conversation_id or channel_id"
  ],
  [
    "import without a date",
    (api) => api.importMessage({ conversation_id: "c", sender: participant, recipients: [] } as never),
    "importMessage: invalid request: at date: is missing"
  ],
  [
    "import with a date string",
    (api) => api.importMessage({ ...importBase, date: "2024-03-08" as unknown as DateTime.Utc }),
    "importMessage: invalid request: at date: Expected a DateTime.Utc instance"
  ],
  [
    "import with an invalid Date",
    (api) => api.importMessage({ ...importBase, date: new Date("nope") as unknown as DateTime.Utc }),
    "importMessage: invalid request: at date:"
  ],
  [
    "import with a year RFC 3339 cannot hold",
    (api) => api.importMessage({ ...importBase, date: DateTime.makeUnsafe(Date.UTC(12000, 0, 1)) }),
    "importMessage: invalid request: at date: RFC 3339 has no year 12000"
  ],
  [
    "import with a direction typo",
    (api) => api.importMessage({ ...importBase, direction: "in" as "inbound" }),
    "importMessage: invalid request: at direction: Expected one of \"inbound\", \"outbound\", got \"in\""
  ],
  [
    "import without recipients",
    (api) => api.importMessage({ conversation_id: "c", date, sender: participant } as never),
    "importMessage: invalid request: at recipients: is missing"
  ],
  [
    "import with a handle type typo",
    (api) =>
      api.importMessage({ ...importBase, sender: { handle: { type: "e-mail" as "email", value: "x" }, role: "from" } }),
    "importMessage: invalid request: at sender.handle.type: Expected one of \"email\", \"convore_chat\", got \"e-mail\""
  ],
  [
    "update with a number subject",
    (api) => api.updateMessage("msg_1", { subject: 7 as unknown as string }),
    "updateMessage: invalid request: at subject: Expected string, actual 7"
  ],
  [
    "per-call maxRetries -1",
    (api) => api.getMessage("msg_1", { maxRetries: -1 }),
    "getMessage: invalid options: maxRetries must be a whole number, got -1"
  ]
]

describe("bad input", () => {
  it("has a table of at least 30 cases", () => expect(badInputs.length).toBeGreaterThanOrEqual(30))

  it.effect.each(badInputs)("%s → InvalidRequest, nothing sent", ([, call, message]) => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())))
    return Effect.gen(function*() {
      const error = yield* Effect.flip(call(yield* MessagesApi))
      expect(error._tag).toBe("InvalidRequest")
      expect(error.message.startsWith(message)).toBe(true)
      expect(seen).toHaveLength(0)
    }).pipe(Effect.provide(layer))
  })
})

/** A body that sends `head` and then fails, as a connection cut mid-body does. */
const brokenBody = (head: string) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head))
        controller.error(new Error("socket hang up"))
      }
    }),
    { status: 200, headers: { "content-type": "application/json" } }
  )

/** A body that sends `head` and then nothing, ever. */
const stuckBody = (head: string) =>
  new Response(
    new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(head))
      }
    }),
    { status: 200, headers: { "content-type": "application/json" } }
  )

describe("malformed success answers", () => {
  const full = JSON.stringify(wireMessage())
  const cases: ReadonlyArray<readonly [string, () => Response, string]> = [
    ["a field of the wrong type", () => json(200, { ...wireMessage(), id: 7 }), "DecodeError"],
    ["a required field missing", () => json(200, { ...wireMessage(), sender: undefined }), "DecodeError"],
    ["an unknown enum value", () => json(200, { ...wireMessage(), direction: "sideways" }), "DecodeError"],
    ["an impossible date", () => json(200, { ...wireMessage(), date: "2024-02-30T00:00:00Z" }), "DecodeError"],
    ["an array instead of an object", () => json(200, [wireMessage()]), "DecodeError"],
    ["JSON null", () => json(200, null), "DecodeError"],
    [
      "an HTML page with status 200",
      () => new Response("<!doctype html><h1>Welcome</h1>", { status: 200 }),
      "DecodeError"
    ],
    ["an empty body", () => new Response("", { status: 200 }), "DecodeError"],
    ["a body that stops halfway", () => new Response(full.slice(0, full.length / 2), { status: 200 }), "DecodeError"],
    ["a connection cut mid-body", () => brokenBody(full.slice(0, 40)), "TransportError"],
    ["a body that never ends", () => stuckBody(full.slice(0, 40)), "TransportError"]
  ]

  it.effect.each(cases)("%s → a typed error, never a defect or a hang", ([, answer, tag]) => {
    const { layer } = stubApi(() => Effect.sync(answer), { timeout: "5 seconds" })
    return Effect.gen(function*() {
      const exit = yield* runOnTestClock(Effect.exit((yield* MessagesApi).getMessage("msg_1")))
      // one typed error and nothing else: no defect, no interruption
      const reasons = Exit.isFailure(exit) ? exit.cause.reasons : []
      expect(reasons.map((reason) => reason._tag)).toEqual(["Fail"])
      expect(reasons.map((reason) => Cause.isFailReason(reason) && reason.error._tag)).toEqual([tag])
    }).pipe(Effect.provide(layer))
  })
})

describe("a shared rate-limit pause", () => {
  /**
   * 200 calls, 50 at a time, against a server that allows 20 requests a
   * second (each taking 50 ms) and at once answers 429 beyond that, with the
   * seconds to the next window.
   */
  const rateLimited = (sharedRateLimitPause: boolean) => {
    let window = -1
    let used = 0
    const { layer, seen } = stubApi(() =>
      Effect.gen(function*() {
        const now = yield* Clock.currentTimeMillis
        const current = Math.floor(now / 1000)
        if (current !== window) [window, used] = [current, 0]
        if (++used > 20) {
          return json(429, { title: "Too Many Requests" }, {
            "retry-after": String(Math.ceil(((current + 1) * 1000 - now) / 1000))
          })
        }
        yield* Effect.sleep("50 millis")
        return json(200, wireMessage())
      }), { maxRetries: 30, sharedRateLimitPause })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const results = yield* runOnTestClock(
        Effect.forEach(Array.from({ length: 200 }), () => api.getMessage("msg_1"), { concurrency: 50 })
      )
      return { completed: results.length, attempts: seen.length }
    }).pipe(Effect.provide(layer))
  }

  it.effect(
    "lets 200 concurrent calls complete with bounded attempts, fewer than without it",
    () =>
      Effect.gen(function*() {
        const shared = yield* rateLimited(true)
        const alone = yield* rateLimited(false)
        expect(shared.completed).toBe(200)
        expect(alone.completed).toBe(200)
        // per one-second window: 50 waiting calls try, 20 pass; without the pause the 20 calls that
        // start when a slot frees up also try at once and collect a 429 each
        expect(shared.attempts).toBeLessThanOrEqual(520)
        expect(alone.attempts).toBeGreaterThan(shared.attempts + 100)
        console.log(
          `rate-limited: 200 calls, ${shared.attempts} attempts with the shared pause, ${alone.attempts} without`
        )
      }),
    60_000
  )
})

describe("redirects", () => {
  /** A server on its own port (so another origin) that records the headers it was sent. */
  const listen = (handler: Parameters<typeof createServer>[1]) =>
    Effect.acquireRelease(
      Effect.callback<{ readonly url: string; readonly close: () => void }>((resume) => {
        const server = createServer(handler)
        server.listen(0, "127.0.0.1", () =>
          resume(Effect.succeed({
            url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
            close: () => server.close()
          })))
      }),
      ({ close }) => Effect.sync(close)
    )

  it.effect.each(transports)(
    "to another origin never carry the Authorization header (%s)",
    ([, httpClient]) =>
      Effect.gen(function*() {
        const received: Array<IncomingHttpHeaders> = []
        const elsewhere = yield* listen((request, response) => {
          received.push(request.headers)
          response.writeHead(200, { "content-type": "application/json" })
          response.end(JSON.stringify(wireMessage()))
        })
        const redirecting = yield* listen((request, response) => {
          response.writeHead(307, { location: `${elsewhere.url}${request.url}` })
          response.end()
        })
        const result = yield* Effect.flatMap(MessagesApi, (api) => Effect.result(api.getMessage("msg_1"))).pipe(
          Effect.provide(
            MessagesApi.layer({ baseUrl: redirecting.url, apiKey, maxRetries: 0 }).pipe(Layer.provide(httpClient))
          )
        )
        // followed without the key, or not followed at all: either way the key stays home
        expect(received.every((headers) => headers.authorization === undefined)).toBe(true)
        expect(JSON.stringify(received)).not.toContain(apiKey)
        if (result._tag === "Failure") expect(result.failure).toMatchObject({ _tag: "UnexpectedStatus", status: 307 })
        else expect(received).toHaveLength(1)
      })
  )
})
