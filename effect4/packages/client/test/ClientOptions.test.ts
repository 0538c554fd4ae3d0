/**
 * The client's options, said once in Schema: infinite durations mean no
 * limit, huge finite ones are kept as they are, values no option can hold are
 * refused without a defect, and `layer` and `layerConfig` refuse the same base
 * URLs and keys with the same words.
 */
import { MessagesApi } from "@convore/client"
import * as ClientOptions from "@convore/client/ClientOptions"
import { firstIssue } from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Cause, type Config, ConfigProvider, Duration, Effect, Exit, Layer, Option, Result, Schema } from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"

const apiKey = "sk_ok"

const resolved = (options: Omit<ClientOptions.MessagesApiOptions, "apiKey">) =>
  Result.getOrThrow(ClientOptions.resolve({ apiKey, ...options }))

/**
 * The option a `ConfigError` names and its problem: Effect 4's `ConfigError`
 * holds the `SchemaError`, whose first issue is the option's path and the
 * rule's message.
 */
const problemOf = (error: Config.ConfigError | undefined) =>
  error !== undefined && Schema.isSchemaError(error.cause) ? firstIssue(error.cause) : undefined

describe("timeout and deadline", () => {
  it.each([
    ["Infinity", Number.POSITIVE_INFINITY],
    ["Duration.infinity", Duration.infinity],
    ["[Infinity, 0]", [Number.POSITIVE_INFINITY, 0] as const],
    ["\"Infinity\"", "Infinity"]
  ] as Array<[string, Duration.Input]>)("%s means no limit, per client and per call", (_, input) => {
    const client = resolved({ timeout: input, deadline: input })
    expect([client.timeout, client.deadline]).toEqual([Duration.infinity, Duration.infinity])
    const call = Result.getOrThrow(
      ClientOptions.forCall(resolved({}), "getMessage", { timeout: input, deadline: input })
    )
    expect([call.timeout, call.deadline]).toEqual([Duration.infinity, Duration.infinity])
  })

  it.each([
    ["past setTimeout's 2^31-1 ms", 2 ** 31],
    ["the largest number of ms", Number.MAX_VALUE],
    ["a million weeks", "1000000 weeks"],
    ["10^30 ns", 10n ** 30n],
    ["a Duration of 1e300 ms", Duration.millis(1e300)],
    ["a duration object of a million weeks", { weeks: 1_000_000 }]
  ] as Array<[string, Duration.Input]>)("a huge finite duration (%s) is kept as it is", (_, input) => {
    const expected = Duration.fromInputUnsafe(input)
    expect(Duration.isFinite(expected)).toBe(true)
    const client = resolved({ timeout: input, deadline: input, maxRetryAfter: input })
    expect([client.timeout, client.deadline, client.maxRetryAfter]).toEqual([expected, expected, expected])
    const call = Result.getOrThrow(ClientOptions.forCall(resolved({}), "getMessage", { timeout: input }))
    expect(call.timeout).toEqual(expected)
  })

  it("-Infinity is refused as negative, per client and per call", () => {
    const client = ClientOptions.resolve({ apiKey, timeout: Number.NEGATIVE_INFINITY })
    expect(Result.isFailure(client) && client.failure._tag).toBe("ConfigError")
    expect(problemOf(Result.isFailure(client) ? client.failure : undefined)).toEqual({
      path: "timeout",
      message: "must not be negative, got -Infinity"
    })
    const call = ClientOptions.forCall(resolved({}), "getMessage", { deadline: Number.NEGATIVE_INFINITY })
    expect(Result.isFailure(call) && call.failure).toMatchObject({
      _tag: "InvalidRequest",
      path: "deadline",
      message: "getMessage: invalid options: deadline must not be negative, got -Infinity"
    })
  })

  it.each([
    ["a negative Duration", Duration.millis(-1)],
    ["a duration object with a negative part", { seconds: 5, milliseconds: -1 }],
    ["a duration object with a NaN part", { seconds: Number.NaN }]
  ] as Array<[string, Duration.Input]>)(
    "%s is refused as negative, which Duration would read as 0 or less",
    (_, input) => {
      const client = ClientOptions.resolve({ apiKey, initialDelay: input })
      expect(problemOf(Result.isFailure(client) ? client.failure : undefined)?.message).toMatch(/^must not be negative/)
    }
  )

  it("an undefined per-call override leaves the client's setting as it is", () => {
    const call = Result.getOrThrow(
      ClientOptions.forCall(resolved({ timeout: "5 seconds" }), "getMessage", { timeout: undefined } as never)
    )
    expect(call.timeout).toEqual(Duration.seconds(5))
  })
})

describe("values no option can hold", () => {
  const nullPrototype: unknown = Object.create(null)
  it.each(
    ["maxRetries", "timeout", "jitter", "maxResponseBytes", "baseUrl", "apiKey"].flatMap((option) =>
      [nullPrototype, Symbol("x"), {}, [Number.NaN], () => 1, { days: "2" }, new Date(0)].map((value) =>
        [option, value] as const
      )
    )
  )("%s: %s is a ConfigError naming the option, never a defect", (option, value) => {
    const result = ClientOptions.resolve({ apiKey, [option]: value } as never)
    expect(Result.isFailure(result) && result.failure._tag).toBe("ConfigError")
    const problem = problemOf(Result.isFailure(result) ? result.failure : undefined)
    expect(problem?.path).toBe(option)
    expect(problem?.message.startsWith("must")).toBe(true)
  })
})

/** The `ConfigError` building `layer` fails with. */
const layerError = (layer: Layer.Layer<MessagesApi, Config.ConfigError>) =>
  Effect.map(
    Effect.exit(Layer.build(layer)),
    (exit) => Exit.isFailure(exit) ? Option.getOrUndefined(Cause.findErrorOption(exit.cause)) : undefined
  )

describe("layer and layerConfig agree", () => {
  const built = (layer: Layer.Layer<MessagesApi, Config.ConfigError, HttpClient.HttpClient>) =>
    layer.pipe(Layer.provide(FetchHttpClient.layer))

  const printable =
    "may hold only printable ASCII characters, without spaces or control characters (the key is not shown)"
  it.effect.each([
    ["http://api.example/v1?tenant=a", "sk_ok", "baseUrl", "cannot have a ?query: each call adds its own"],
    ["http://api.example/v1#top", "sk_ok", "baseUrl", "cannot have a #fragment"],
    ["ftp://api.example", "sk_ok", "baseUrl", "must be an http or https URL, not ftp:"],
    ["api.example", "sk_ok", "baseUrl", "must be an absolute http or https URL"],
    ["https://user:pass@api.example", "sk_ok", "baseUrl", "cannot hold credentials: pass the key as apiKey"],
    ["https://api.example", "", "apiKey", "is empty"],
    ["https://api.example", "sk_s3cr3t with a space", "apiKey", printable],
    ["https://api.example", "sk_s3cr3t\tX", "apiKey", printable],
    ["https://api.example", "sk_s3cr3t_ä", "apiKey", printable],
    ["https://api.example/convore/", "sk_ok", undefined, undefined]
  ] as Array<[string, string, string | undefined, string | undefined]>)(
    "baseUrl %j and key %j: %s %s",
    ([baseUrl, key, option, problem]) =>
      Effect.gen(function*() {
        const direct = yield* layerError(built(MessagesApi.layer({ baseUrl, apiKey: key })))
        const env = { CONVORE_BASE_URL: baseUrl, CONVORE_API_KEY: key }
        const fromEnv = yield* layerError(built(MessagesApi.layerConfig())).pipe(
          // an empty value kept as it is: by default Effect 4 reads it as unset
          Effect.provide(ConfigProvider.layer(ConfigProvider.fromEnv({ env, preserveEmptyStrings: true })))
        )
        if (option === undefined) return expect([direct, fromEnv]).toEqual([undefined, undefined])
        expect(problemOf(direct)).toEqual({ path: option, message: problem })
        expect(problemOf(fromEnv)).toEqual({
          path: option === "baseUrl" ? "CONVORE_BASE_URL" : "CONVORE_API_KEY",
          message: problem
        })
        expect(String(direct) + String(fromEnv)).not.toContain("s3cr3t")
      })
  )
})
