/**
 * The client's options, said once in Schema: infinite durations mean no
 * limit, huge finite ones are kept as they are, values no option can hold are
 * refused without a defect, and `layer` and `layerConfig` refuse the same base
 * URLs and keys with the same words.
 */
import { MessagesApi } from "@convore/client"
import * as ClientOptions from "@convore/client/ClientOptions"
import { FetchHttpClient, type HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Cause, type ConfigError, ConfigProvider, Duration, Effect, Either, Exit, Layer, Option } from "effect"

const apiKey = "sk_ok"

const resolved = (options: Omit<ClientOptions.MessagesApiOptions, "apiKey">) =>
  Either.getOrThrow(ClientOptions.resolve({ apiKey, ...options }))

describe("timeout and deadline", () => {
  it.each([
    ["Infinity", Number.POSITIVE_INFINITY],
    ["Duration.infinity", Duration.infinity],
    ["[Infinity, 0]", [Number.POSITIVE_INFINITY, 0] as const]
  ] as Array<[string, Duration.DurationInput]>)("%s means no limit, per client and per call", (_, input) => {
    const client = resolved({ timeout: input, deadline: input })
    expect([client.timeout, client.deadline]).toEqual([Duration.infinity, Duration.infinity])
    const call = Either.getOrThrow(
      ClientOptions.forCall(resolved({}), "getMessage", { timeout: input, deadline: input })
    )
    expect([call.timeout, call.deadline]).toEqual([Duration.infinity, Duration.infinity])
  })

  it.each([
    ["past setTimeout's 2^31-1 ms", 2 ** 31],
    ["the largest number of ms", Number.MAX_VALUE],
    ["a million weeks", "1000000 weeks"],
    ["10^30 ns", 10n ** 30n],
    ["a Duration of 1e300 ms", Duration.millis(1e300)]
  ] as Array<[string, Duration.DurationInput]>)("a huge finite duration (%s) is kept as it is", (_, input) => {
    const expected = Duration.decode(input)
    expect(Duration.isFinite(expected)).toBe(true)
    const client = resolved({ timeout: input, deadline: input, maxRetryAfter: input })
    expect([client.timeout, client.deadline, client.maxRetryAfter]).toEqual([expected, expected, expected])
    const call = Either.getOrThrow(ClientOptions.forCall(resolved({}), "getMessage", { timeout: input }))
    expect(call.timeout).toEqual(expected)
  })

  it("-Infinity is refused as negative, per client and per call", () => {
    const client = ClientOptions.resolve({ apiKey, timeout: Number.NEGATIVE_INFINITY })
    expect(Either.isLeft(client) && client.left).toMatchObject({
      _op: "InvalidData",
      path: ["timeout"],
      message: "timeout must not be negative, got -Infinity"
    })
    const call = ClientOptions.forCall(resolved({}), "getMessage", { deadline: Number.NEGATIVE_INFINITY })
    expect(Either.isLeft(call) && call.left).toMatchObject({
      _tag: "InvalidRequest",
      path: "deadline",
      message: "getMessage: invalid options: deadline must not be negative, got -Infinity"
    })
  })
})

describe("values no option can hold", () => {
  const nullPrototype: unknown = Object.create(null)
  it.each(
    ["maxRetries", "timeout", "jitter", "maxResponseBytes", "baseUrl", "apiKey"].flatMap((option) =>
      [nullPrototype, Symbol("x"), {}, [Number.NaN], () => 1].map((value) => [option, value] as const)
    )
  )("%s: %s is InvalidData naming the option, never a defect", (option, value) => {
    const result = ClientOptions.resolve({ apiKey, [option]: value } as never)
    expect(Either.isLeft(result) && result.left).toMatchObject({ _op: "InvalidData", path: [option] })
    expect(Either.isLeft(result) && result.left.message.startsWith(`${option} must`)).toBe(true)
  })
})

/** The `ConfigError` building `layer` fails with. */
const layerError = (layer: Layer.Layer<MessagesApi, ConfigError.ConfigError>) =>
  Effect.map(
    Effect.exit(Layer.build(layer).pipe(Effect.scoped)),
    (exit) => Exit.isFailure(exit) ? Option.getOrUndefined(Cause.failureOption(exit.cause)) : undefined
  )

describe("layer and layerConfig agree", () => {
  const built = (layer: Layer.Layer<MessagesApi, ConfigError.ConfigError, HttpClient.HttpClient>) =>
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
        const fromEnv = yield* layerError(built(MessagesApi.layerConfig())).pipe(
          Effect.withConfigProvider(
            ConfigProvider.fromMap(new Map([["CONVORE_BASE_URL", baseUrl], ["CONVORE_API_KEY", key]]))
          )
        )
        if (option === undefined) return expect([direct, fromEnv]).toEqual([undefined, undefined])
        expect(direct).toMatchObject({ _op: "InvalidData", path: [option], message: `${option} ${problem}` })
        expect(fromEnv).toMatchObject({
          _op: "InvalidData",
          path: [option === "baseUrl" ? "CONVORE_BASE_URL" : "CONVORE_API_KEY"],
          message: problem
        })
        expect(String(direct) + String(fromEnv)).not.toContain("s3cr3t")
      })
  )
})
