/**
 * Every example program, run against the mock server over real HTTP.
 */
import { MessagesApi } from "@convore/client"
import { Fixtures, MockServer } from "@convore/testing"
import { FetchHttpClient } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { answerEverything, Inbox } from "../src/effect-program.js"
import { exportConversation } from "../src/export-conversation.js"
import { history, importHistory } from "../src/import-history.js"
import { handler } from "../src/promise-program.js"
import { quickstart } from "../src/quickstart.js"

const apiKey = "sk_examples"

/** The HTTP client talking to a fresh mock server seeded with the fixture conversations. */
const againstMockServer = Layer.unwrapEffect(
  Effect.map(MockServer, (server) => MessagesApi.layer({ baseUrl: server.url, apiKey }))
).pipe(
  Layer.provide(FetchHttpClient.layer),
  Layer.provideMerge(MockServer.layer({ apiKey, messages: Fixtures.conversations })),
  Layer.merge(NodeFileSystem.layer)
)

describe("examples, against the mock server", () => {
  it.live("quickstart sends, replies, gets, updates and lists", () =>
    Effect.gen(function*() {
      const result = yield* quickstart
      expect(result.messages).toBe(2)
      const server = yield* MockServer
      expect((yield* server.requests).map((r) => `${r.method} ${r.status}`)).toEqual([
        "POST 200",
        "POST 200",
        "GET 200",
        "PATCH 200",
        "GET 200"
      ])
    }).pipe(Effect.provide(againstMockServer)))

  it.live("import-history imports all but the broken message, and reports it with its typed error", () =>
    Effect.gen(function*() {
      const result = yield* importHistory(history)
      expect(result.imported).toBe(11)
      expect(result.failed.map((f) => [f.index, f.error._tag])).toEqual([[7, "NotFound"]])
      // running it again creates nothing new: each import has its own idempotency key
      const store = (yield* MockServer).store
      const count = (yield* store.messages).length
      yield* importHistory(history)
      expect((yield* store.messages).length).toBe(count)
    }).pipe(Effect.provide(againstMockServer)))

  it.live("export-conversation writes the conversation to NDJSON", () =>
    Effect.gen(function*() {
      const path = join(mkdtempSync(join(tmpdir(), "convore-example-")), "chat.ndjson")
      const conversation_id = Fixtures.teamChat[0]!.conversation_id
      const progress = yield* exportConversation({ path, conversation_id, limit: 15 })
      expect(progress).toMatchObject({ messages: 40, pages: 3, total: 40, done: true })
      expect(readFileSync(path, "utf8").trimEnd().split("\n")).toHaveLength(40)
    }).pipe(Effect.provide(againstMockServer)))

  it.live("effect-program answers the conversations that wait, and then none wait", () =>
    Effect.gen(function*() {
      expect(yield* answerEverything).toBe(1)
      expect(yield* answerEverything).toBe(0)
    }).pipe(Effect.provide(Inbox.layer), Effect.provide(againstMockServer)))

  it.live("promise-program answers from one ManagedRuntime, each typed error with its status", () =>
    Effect.gen(function*() {
      const server = yield* MockServer
      const runtime = ManagedRuntime.make(
        MessagesApi.layer({ baseUrl: server.url, apiKey }).pipe(Layer.provide(FetchHttpClient.layer))
      )
      const http = createServer(handler(runtime))
      yield* Effect.acquireRelease(
        Effect.async<void>((resume) => void http.listen(0, "127.0.0.1", () => resume(Effect.void))),
        () => Effect.promise(() => new Promise<void>((resolve) => http.close(() => resolve())))
      )
      const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
      const get = (path: string) =>
        Effect.promise(async () => {
          const response = await fetch(base + path)
          return [response.status, await response.text()] as const
        })
      const first = Fixtures.supportThread[0]!
      expect(yield* get(`/messages/${first.id}`)).toEqual([
        200,
        JSON.stringify({ id: first.id, subject: first.subject })
      ])
      const [missing, text] = yield* get("/messages/msg_01hrnotthere00000000000000")
      expect([missing, text.split(":")[0]]).toEqual([404, "NotFound"])
      expect((yield* get("/messages/msg%0A1"))[0]).toBe(400) // a control character: InvalidRequest, nothing sent
      yield* Effect.promise(() => runtime.dispose())
      // a disposed runtime refuses to run, and the handler says so without crashing
      expect((yield* get(`/messages/${first.id}`))[0]).toBe(500)
    }).pipe(Effect.provide(againstMockServer), Effect.scoped))
})
