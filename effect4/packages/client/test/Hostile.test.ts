/**
 * A hostile or broken server and a careless caller: answers too large to
 * hold, pathological error pages, values nested past the call stack, options
 * that make no sense, strings no URL can carry, a key echoed back, and a
 * rate-limit storm. Each ends in a typed error or a success, never a defect,
 * and the key is never in what the client reports.
 */
import { Export, MessagesApi } from "@convore/client"
import { detailFromBody, firstIssue, type MessagesApiError } from "@convore/core"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Cause, type Config, ConfigProvider, Effect, Exit, Layer, Option, Redacted, Schema } from "effect"
import { FetchHttpClient } from "effect/http"
import { mkdtempSync, readFileSync } from "node:fs"
import { createServer } from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { gzipSync } from "node:zlib"
import { apiKey, capturingLogs, countedBody, json, runOnTestClock, stubApi, wireMessage } from "./stub.js"

const MiB = 1024 * 1024

describe("answers larger than the client reads", () => {
  it.effect("a Content-Length over maxResponseBytes fails at once with ResponseTooLarge, unread and not retried", () => {
    const body = countedBody(300 * MiB)
    const { layer, seen } = stubApi(() =>
      Effect.succeed(new Response(body.stream, { headers: { "content-length": String(300 * MiB) } }))
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
      expect(error.message).toContain("maxResponseBytes (33554432 bytes)")
      expect(body.pulled.bytes).toBeLessThanOrEqual(16 * 1024)
      expect(seen).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a body without a length is counted as it streams and cut off past the bound", () => {
    const body = countedBody(300 * MiB)
    const { layer } = stubApi(() => Effect.succeed(new Response(body.stream)), { maxResponseBytes: MiB })
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
      expect(body.pulled.bytes).toBeLessThanOrEqual(MiB + 2 * 16 * 1024)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a compressed body is counted after the transport inflates it, whatever its Content-Length says", () => {
    const body = countedBody(8 * MiB)
    const { layer } = stubApi(
      () =>
        Effect.succeed(
          new Response(body.stream, { headers: { "content-length": "1000", "content-encoding": "gzip" } })
        ),
      { maxResponseBytes: MiB }
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
      expect(body.pulled.bytes).toBeLessThanOrEqual(MiB + 2 * 16 * 1024)
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxResponseBytes can be raised per call", () => {
    const page = JSON.stringify(wireMessage())
    const { layer } = stubApi(() => Effect.succeed(new Response(page)), { maxResponseBytes: 100 })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      expect((yield* Effect.flip(api.getMessage("msg_1")))._tag).toBe("TransportError")
      expect((yield* api.getMessage("msg_1", { maxResponseBytes: 10_000 })).id).toBe(wireMessage().id)
    }).pipe(Effect.provide(layer))
  })

  it.effect("an error page is read only as far as its detail needs, and the error is still the status's", () => {
    const body = countedBody(100 * MiB, "<p>Service Unavailable</p>")
    const { layer } = stubApi(() => Effect.succeed(new Response(body.stream, { status: 503 })), { maxRetries: 0 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "ServerError", status: 503 })
      expect(error._tag === "ServerError" && error.detail).toMatch(/^Service Unavailable Service Unavailable/)
      expect(body.pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024)
    }).pipe(Effect.provide(layer))
  })

  it.effect("a 700 KB page of unclosed <script> tags is an error with a detail, read no further than 64 KiB", () => {
    const page = "<html><body>Bad gateway" + "<script>".repeat(90_000)
    const body = countedBody(page.length, page)
    const { layer } = stubApi(() => Effect.succeed(new Response(body.stream, { status: 502 })), { maxRetries: 0 })
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502, detail: "Bad gateway" })
      expect(body.pulled.bytes).toBeLessThanOrEqual(64 * 1024 + 16 * 1024)
    }).pipe(Effect.provide(layer))
  })
})

describe("a compression bomb over a real socket", () => {
  it.live("fetch inflates 64 MiB from 64 KB of gzip; the client stops reading at maxResponseBytes", () =>
    Effect.gen(function*() {
      const bomb = gzipSync(Buffer.alloc(64 * MiB, " "))
      const server = createServer((_, response) => {
        response.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" })
        response.end(bomb)
      })
      yield* Effect.acquireRelease(
        Effect.promise(() => new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))),
        () => Effect.sync(() => server.close())
      )
      const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`
      const error = yield* Effect.flip(Effect.flatMap(MessagesApi, (api) => api.getMessage("msg_1"))).pipe(
        Effect.provide(
          MessagesApi.layer({ baseUrl, apiKey, maxResponseBytes: MiB }).pipe(Layer.provide(FetchHttpClient.layer))
        )
      )
      expect(bomb.length).toBeLessThan(128 * 1024)
      expect(error).toMatchObject({ _tag: "TransportError", reason: "ResponseTooLarge" })
    }))
})

describe("error pages read in linear time", () => {
  it.each([
    ["unclosed <script> tags", "<html>Bad gateway" + "<script>".repeat(100_000), "Bad gateway"],
    ["unclosed <title> tags", "<title>Oops" + "<title>".repeat(100_000), "Oops"],
    ["a tag that never closes", "<p>Down for maintenance</p><" + "a".repeat(1_000_000), "Down for maintenance"],
    ["many < without >", "<b>Overloaded</b>" + "< ".repeat(500_000), "Overloaded"],
    ["<style> without its end", "<p>Try later</p><style>" + "x{}".repeat(300_000), "Try later"]
  ])("%s", (_, page, detail) => {
    expect(detailFromBody(page)).toBe(detail)
  })
})

describe("values nested past the call stack", () => {
  it.effect("an export writes a message with a 100,000-deep unknown field whole, as the server sent it", () => {
    const line = JSON.stringify({ ...wireMessage(), extra: "@" }).replace("\"@\"", deepText(100_000))
    const { layer } = stubApi(() => Effect.succeed(new Response(`{"data":[${line}],"next_cursor":null}`)))
    const path = join(mkdtempSync(join(tmpdir(), "convore-deep-")), "deep.ndjson")
    return Effect.gen(function*() {
      const progress = yield* Export.toFile({ path })
      expect(progress.messages).toBe(1)
      expect(readFileSync(path, "utf8")).toBe(`${line}\n`)
    }).pipe(Effect.provide(Layer.merge(layer, NodeFileSystem.layer)))
  })
})

/** `depth` nested arrays and objects around `"bottom"`, as JSON text, built without recursion. */
function deepText(depth: number): string {
  let open = ""
  let close = ""
  for (let i = depth - 1; i >= 0; i--) {
    open += i % 2 === 0 ? "[" : "{\"next\":"
  }
  for (let i = 0; i < depth; i++) close += i % 2 === 0 ? "]" : "}"
  return `${open}"bottom"${close}`
}

/**
 * The `ConfigError` a layer failed with, and its problem as the Effect 3 line
 * words it, `maxRetries must be a whole number, got -1`: Effect 4's
 * `ConfigError` holds the `SchemaError`, whose first issue is the option's
 * path and the rule's message.
 */
const configProblem = (exit: Exit.Exit<unknown, Config.ConfigError>) => {
  const error = Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
  if (error === undefined || !Schema.isSchemaError(error.cause)) return { error, problem: undefined }
  const { message, path } = firstIssue(error.cause)
  return { error, path, problem: `${path} ${message}` }
}

/** Builds the client layer with `options` over a stub that must never be called. */
const buildWith = (options: Record<string, unknown>) => {
  const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())), options)
  return Effect.map(Effect.exit(Layer.build(layer)), (exit) => ({ exit, seen }))
}

describe("options that make no sense", () => {
  it.effect.each([
    [{ maxRetries: -1 }, "maxRetries must be a whole number, got -1"],
    [{ maxRetries: Number.NaN }, "maxRetries must be a whole number, got NaN"],
    [{ maxRetries: Number.POSITIVE_INFINITY }, "maxRetries must be a whole number, got Infinity"],
    [{ maxRetries: 1.5 }, "maxRetries must be a whole number, got 1.5"],
    [{ jitter: 2 }, "jitter must be from 0 to 1, got 2"],
    [{ timeout: "soon" }, "timeout must be a duration"],
    [{ timeout: -5 }, "timeout must not be negative, got -5"],
    [{ timeout: Number.NaN }, "timeout must not be negative, got NaN"],
    [{ timeout: 0 }, "timeout must be above 0, got 0"],
    [{ deadline: "-1 seconds" }, "deadline must not be negative, got \"-1 seconds\""],
    [{ initialDelay: -1 }, "initialDelay must not be negative, got -1"],
    [{ maxRetryAfter: "a while" }, "maxRetryAfter must be a duration"],
    [{ maxResponseBytes: 0 }, "maxResponseBytes must be a whole number of bytes above 0, got 0"],
    [{ baseUrl: "http://api.example/v1?tenant=a" }, "baseUrl cannot have a ?query"],
    [{ baseUrl: "http://api.example/v1#top" }, "baseUrl cannot have a #fragment"],
    [{ baseUrl: "ftp://api.example" }, "baseUrl must be an http or https URL, not ftp:"],
    [{ baseUrl: "api.example" }, "baseUrl must be an absolute http or https URL"],
    [{ apiKey: "" }, "apiKey is empty"],
    [{ apiKey: "   " }, "apiKey may hold only printable ASCII characters"],
    [{ apiKey: "sk_live\nX-Evil: 1" }, "apiKey may hold only printable ASCII characters"],
    [{ apiKey: "sk_läive" }, "apiKey may hold only printable ASCII characters"],
    [{ apiKey: Redacted.make("") }, "apiKey is empty"]
  ] as Array<[Record<string, unknown>, string]>)(
    "%j fails the layer with a ConfigError, and nothing is sent",
    ([options, message]) =>
      Effect.gen(function*() {
        const { exit, seen } = yield* buildWith(options)
        expect(Exit.isFailure(exit) && Cause.hasDies(exit.cause)).toBe(false)
        const { error, problem } = configProblem(exit)
        expect(error?._tag).toBe("ConfigError")
        expect(problem).toContain(message)
        expect(seen).toHaveLength(0)
      })
  )

  it.effect("a key is never quoted when it is refused", () =>
    Effect.gen(function*() {
      const { exit } = yield* buildWith({ apiKey: "sk_live_s3cr3t with a space" })
      expect(configProblem(exit).problem).toContain("apiKey may hold only printable ASCII characters")
      expect(String(Exit.isFailure(exit) && exit.cause)).not.toContain("s3cr3t")
      expect(JSON.stringify(Exit.isFailure(exit) && Cause.squash(exit.cause))).not.toContain("s3cr3t")
    }))

  it.effect("a path prefix in baseUrl is kept, and its trailing slashes dropped", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())), {
      baseUrl: "https://api.example/convore/"
    })
    return Effect.gen(function*() {
      yield* (yield* MessagesApi).getMessage("msg_1")
      expect(seen[0]!.url.href).toBe("https://api.example/convore/v1/messages/msg_1")
    }).pipe(Effect.provide(layer))
  })

  /** Builds `layerConfig(options)` over the environment `env` (an empty value kept, not read as unset). */
  const buildFromEnv = (env: Record<string, string>, options: Parameters<typeof MessagesApi.layerConfig>[0] = {}) =>
    Effect.exit(
      Layer.build(MessagesApi.layerConfig(options).pipe(Layer.provide(FetchHttpClient.layer))).pipe(
        Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env, preserveEmptyStrings: true })))
      )
    )

  it.effect.each([
    [{ CONVORE_API_KEY: "" }, "CONVORE_API_KEY", "is empty"],
    [{ CONVORE_API_KEY: "sk\tx" }, "CONVORE_API_KEY", "may hold only printable ASCII"],
    [{ CONVORE_API_KEY: "sk", CONVORE_BASE_URL: "http://x/?q=1" }, "CONVORE_BASE_URL", "cannot have a ?query"]
  ] as Array<[Record<string, string>, string, string]>)(
    "layerConfig: %j fails with a ConfigError at %s",
    ([env, path, message]) =>
      Effect.gen(function*() {
        const problem = configProblem(yield* buildFromEnv(env))
        expect(problem.path).toBe(path)
        expect(problem.problem).toContain(`${path} ${message}`)
      })
  )

  it.effect("layerConfig: an unset CONVORE_API_KEY (Effect 4 reads an empty one as unset) fails with a ConfigError", () =>
    Effect.gen(function*() {
      const exit = yield* Effect.exit(
        Layer.build(MessagesApi.layerConfig().pipe(Layer.provide(FetchHttpClient.layer))).pipe(
          Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env: { CONVORE_API_KEY: "" } })))
        )
      )
      expect(configProblem(exit)).toMatchObject({ path: "CONVORE_API_KEY", problem: "CONVORE_API_KEY Expected string" })
    }))

  it.effect("layerConfig checks the options it is given as layer does", () =>
    Effect.gen(function*() {
      const problem = configProblem(yield* buildFromEnv({ CONVORE_API_KEY: "sk_ok" }, { jitter: 2 }))
      expect(problem.problem).toBe("jitter must be from 0 to 1, got 2")
    }))

  it.effect.each([
    [{ maxRetries: Number.NaN }, "getMessage: invalid options: maxRetries must be a whole number, got NaN"],
    [{ timeout: "soon" }, "getMessage: invalid options: timeout must be a duration"],
    [{ deadline: -1 }, "getMessage: invalid options: deadline must not be negative, got -1"],
    [{ maxResponseBytes: -1 }, "getMessage: invalid options: maxResponseBytes must be a whole number of bytes"]
  ] as Array<[Record<string, unknown>, string]>)(
    "per call, %j is InvalidRequest and nothing is sent",
    ([call, message]) => {
      const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())))
      return Effect.gen(function*() {
        const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1", call as never))
        expect(error._tag).toBe("InvalidRequest")
        expect(error.message.startsWith(message)).toBe(true)
        expect(seen).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    }
  )
})

describe("strings no URL can carry", () => {
  const lone = "msg_\uD800x"
  it.effect.each([
    ["getMessage with a lone surrogate in the id", (api: MessagesApi["Service"]) => api.getMessage(lone)],
    ["updateMessage with a lone surrogate in the id", (api: MessagesApi["Service"]) => api.updateMessage(lone, {})],
    ["a lone surrogate in the cursor", (api: MessagesApi["Service"]) => api.listMessages({ cursor: "c\uDC00" })],
    [
      "a lone surrogate in conversation_id",
      (api: MessagesApi["Service"]) => api.listMessages({ conversation_id: "cnv_\uDBFF" })
    ]
  ] as Array<[string, (api: MessagesApi["Service"]) => Effect.Effect<unknown, MessagesApiError>]>)(
    "%s is InvalidRequest, and nothing is sent",
    ([, call]) => {
      const { layer, seen } = stubApi(() => Effect.succeed(json(200, wireMessage())))
      return Effect.gen(function*() {
        const error = yield* Effect.flip(call(yield* MessagesApi))
        expect(error._tag).toBe("InvalidRequest")
        expect(error.message).toContain("lone UTF-16 surrogate")
        expect(seen).toHaveLength(0)
      }).pipe(Effect.provide(layer))
    }
  )

  it.effect("a well-formed pair (an emoji) is sent as it is", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(200, { data: [], next_cursor: null })))
    return Effect.gen(function*() {
      yield* (yield* MessagesApi).listMessages({ conversation_id: "cnv_😀" })
      expect(seen[0]!.url.searchParams.get("conversation_id")).toBe("cnv_😀")
    }).pipe(Effect.provide(layer))
  })
})

describe("the key never leaks", () => {
  it.effect("a server echoing the Authorization header in an error body and header gets it scrubbed", () => {
    const { layer } = stubApi((_, seen) =>
      Effect.succeed(
        json(400, { detail: `bad header: authorization=${seen.headers["authorization"]}` }, {
          "x-request-id": `req_${apiKey}`
        })
      )
    )
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error._tag).toBe("BadRequest")
      expect(JSON.stringify(error)).not.toContain(apiKey)
      expect(error.message).not.toContain(apiKey)
      expect(error._tag === "BadRequest" && error.detail).toBe("bad header: authorization=Bearer <redacted>")
    }).pipe(Effect.provide(layer))
  })

  it.effect("a transport error quoting the key is scrubbed, in the error and in the retry log", () => {
    const lines: Array<string> = []
    const { layer } = stubApi(
      (n) => n === 1 ? Effect.fail(`invalid header value "Bearer ${apiKey}"`) : Effect.succeed(json(404, {})),
      { maxRetries: 1 }
    )
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error._tag).toBe("NotFound")
      expect(lines.join("\n")).toContain("Bearer <redacted>")
      expect(lines.join("\n")).not.toContain(apiKey)
    }).pipe(
      Effect.provide(layer),
      capturingLogs(lines)
    )
  })

  it.effect("a 2xx body echoing the key is scrubbed from the DecodeError", () => {
    const { layer } = stubApi(() => Effect.succeed(new Response(`not json, your key is ${apiKey}`)))
    return Effect.gen(function*() {
      const error = yield* Effect.flip((yield* MessagesApi).getMessage("msg_1"))
      expect(error._tag).toBe("DecodeError")
      expect(error.message).toContain("<redacted>")
      expect(error.message).not.toContain("s3cr3t")
    }).pipe(Effect.provide(layer))
  })
})

describe("a rate-limit storm", () => {
  it.effect("300 concurrent sends, 30% answered 429 with Retry-After: all sent once with the default settings", () => {
    let state = 7
    const random = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31)
    const created = new Map<string, number>()
    const { layer } = stubApi((_, seen) => {
      if (random() < 0.3) {
        return Effect.succeed(json(429, { detail: "slow down" }, { "retry-after": "1" }))
      }
      const key = seen.headers["idempotency-key"]!
      created.set(key, (created.get(key) ?? 0) + 1)
      return Effect.succeed(json(200, wireMessage(`msg_${created.size}`)))
    })
    return Effect.gen(function*() {
      const api = yield* MessagesApi
      const sends = Array.from(
        { length: 300 },
        (_, i) => Effect.result(api.sendMessage({ channel_id: "chnnl_1", to: ["a@example.com"], body: `#${i}` }))
      )
      const results = yield* runOnTestClock(Effect.all(sends, { concurrency: "unbounded" }))
      expect(results.filter((result) => result._tag === "Failure")).toEqual([])
      expect(created.size).toBe(300)
      expect([...created.values()].every((count) => count === 1)).toBe(true)
    }).pipe(Effect.provide(layer))
  })

  it.effect("the server's waits are bounded in time: past maxRetryAfter in all, the call fails with RateLimited", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(429, {}, { "retry-after": "20" })))
    return Effect.gen(function*() {
      const error = yield* runOnTestClock(Effect.flip((yield* MessagesApi).getMessage("msg_1")))
      expect(error._tag).toBe("RateLimited")
      // 20 + 20 + 20 s = the default 60 s budget; the fourth answer asks for more than is left
      expect(seen.map((s) => s.at)).toEqual([0, 20_000, 40_000, 60_000])
    }).pipe(Effect.provide(layer))
  })

  it.effect("maxRetries: 0 turns every retry off, a 429's included", () => {
    const { layer, seen } = stubApi(() => Effect.succeed(json(429, {}, { "retry-after": "1" })), { maxRetries: 0 })
    return Effect.gen(function*() {
      expect((yield* Effect.flip((yield* MessagesApi).getMessage("msg_1")))._tag).toBe("RateLimited")
      expect(seen).toHaveLength(1)
    }).pipe(Effect.provide(layer))
  })
})
