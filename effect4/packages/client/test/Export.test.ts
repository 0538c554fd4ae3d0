import { Export, MessagesApi, type MessagesApiService } from "@convore/client"
import { ServerError } from "@convore/core"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Layer, Stream } from "effect"
import { appendFileSync, mkdtempSync, readFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { listingApi, messages } from "./pages.js"
import { json, stubApi, wireMessage } from "./stub.js"

const tempFile = (name: string) => join(mkdtempSync(join(tmpdir(), "convore-export-")), name)

const provide = (api: MessagesApiService) =>
  Effect.provide(Layer.merge(Layer.succeed(MessagesApi, api), NodeFileSystem.layer))

describe("Export", () => {
  const all = messages(1_050)

  it.effect("writes every message once, in order, as NDJSON, and marks the checkpoint done", () =>
    Effect.gen(function*() {
      const path = tempFile("all.ndjson")
      const progress = yield* Stream.runCollect(Export.run({ path, limit: 100 }))
      const lines = readFileSync(path, "utf8").trimEnd().split("\n")
      expect(lines.map((line) => JSON.parse(line).id)).toEqual(all.map((m) => m.id))
      const last = progress.at(-1)!
      expect(last).toMatchObject({ messages: 1_050, pages: 11, resumedFrom: 0, done: true })
      expect(last.bytes).toBe(readFileSync(path).length)
      expect(progress.map((p) => p.messages)).toEqual([
        100,
        200,
        300,
        400,
        500,
        600,
        700,
        800,
        900,
        1_000,
        1_050
      ])
      expect(JSON.parse(readFileSync(`${path}.checkpoint.json`, "utf8"))).toMatchObject({ done: true, cursor: null })
    }).pipe(provide(listingApi(all).api)))

  it.effect("exports a conversation with no messages as an empty file, done", () =>
    Effect.gen(function*() {
      const path = tempFile("empty.ndjson")
      const last = yield* Export.toFile({ path })
      expect(last).toMatchObject({ messages: 0, pages: 1, bytes: 0, done: true })
      expect(readFileSync(path, "utf8")).toBe("")
    }).pipe(provide(listingApi([]).api)))

  it.effect("resumed after a failure and a half-written page, ends byte for byte as an uninterrupted run", () =>
    Effect.gen(function*() {
      const reference = tempFile("reference.ndjson")
      yield* Export.toFile({ path: reference, limit: 100 }).pipe(provide(listingApi(all).api))

      const path = tempFile("resumed.ndjson")
      let failing = true
      const flaky = listingApi(all, (params) =>
        failing && params.cursor === "at:400"
          ? Effect.fail(new ServerError({ message: "503 Service Unavailable", status: 503 }))
          : Effect.succeed(undefined))
      const error = yield* Effect.flip(Export.toFile({ path, limit: 100 }).pipe(provide(flaky.api)))
      expect(error).toMatchObject({ _tag: "PaginationError", cursor: "at:400" })
      // the process is killed while writing the next page: half a line lands after the checkpoint
      appendFileSync(path, JSON.stringify(all[400]).slice(0, 70))
      failing = false
      const resumed = yield* Export.toFile({ path, limit: 100 }).pipe(provide(flaky.api))
      expect(resumed).toMatchObject({ messages: 1_050, resumedFrom: 400, done: true })
      expect(readFileSync(path).equals(readFileSync(reference))).toBe(true)
      // only the failed page and those after it were fetched again
      expect(flaky.calls.map((c) => c.cursor).slice(-7)).toEqual([
        "at:400",
        "at:500",
        "at:600",
        "at:700",
        "at:800",
        "at:900",
        "at:1000"
      ])
    }))

  it.effect("resumed after being interrupted, ends byte for byte as an uninterrupted run", () =>
    Effect.gen(function*() {
      const reference = tempFile("reference.ndjson")
      yield* Export.toFile({ path: reference, limit: 100 }).pipe(provide(listingApi(all).api))
      const path = tempFile("interrupted.ndjson")
      const { api } = listingApi(all)
      const firstRun = yield* Stream.runCollect(Stream.take(Export.run({ path, limit: 100 }), 3)).pipe(provide(api))
      expect(firstRun.at(-1)?.messages).toBe(300)
      const secondRun = yield* Export.toFile({ path, limit: 100 }).pipe(provide(api))
      expect(secondRun).toMatchObject({ resumedFrom: 300, messages: 1_050 })
      expect(readFileSync(path).equals(readFileSync(reference))).toBe(true)
      // a third run of a finished export writes nothing
      const thirdRun = yield* Export.toFile({ path, limit: 100 }).pipe(provide(api))
      expect(thirdRun).toMatchObject({ done: true, messages: 1_050, resumedFrom: 1_050 })
      expect(readFileSync(path).equals(readFileSync(reference))).toBe(true)
    }))

  it.effect("refuses to resume a checkpoint of another export", () =>
    Effect.gen(function*() {
      const path = tempFile("mixed.ndjson")
      yield* Stream.runDrain(Stream.take(Export.run({ path, limit: 100 }), 1))
      const error = yield* Effect.flip(Export.toFile({ path, limit: 100, conversation_id: "cnv_other" }))
      expect(error).toMatchObject({ _tag: "ExportError", reason: "CheckpointMismatch" })
    }).pipe(provide(listingApi(all).api)))

  it.effect("keeps fields this client does not know, exactly as the server sent them", () => {
    const page = {
      data: [
        { ...wireMessage("msg_1"), labels: ["vip"], sender: { ...wireMessage().sender, avatar: "a.png" } },
        { ...wireMessage("msg_2"), date: "2024-03-08T12:00:00.5+02:00", subject: null }
      ],
      next_cursor: null,
      total_count: 2
    }
    const { layer } = stubApi(() => Effect.succeed(json(200, page)))
    const path = tempFile("lossless.ndjson")
    return Effect.gen(function*() {
      yield* Export.toFile({ path })
      const lines = readFileSync(path, "utf8").trimEnd().split("\n")
      expect(lines).toEqual(page.data.map((message) => JSON.stringify(message)))
    }).pipe(Effect.provide(Layer.merge(layer, NodeFileSystem.layer)))
  })
})
