/**
 * Redaction through the client: the client's scrubber of a `Redacted` key is
 * `@convore/wire`'s scrubber of its value (whose own cases live in
 * packages/wire/test/Redaction.test.ts), and what the client reports goes
 * through it.
 */
import { MessagesApi } from "@convore/client"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Redacted } from "effect"
import { scrubber } from "../src/internal/Redaction.js"
import { problem, stubApi } from "./stub.js"

describe("the client's scrubber", () => {
  it("replaces the value of a `Redacted` key where it stands as a token, and nothing else", () => {
    const scrub = scrubber(Redacted.make("dev"))
    expect(scrub("Authorization: Bearer dev")).toBe("Authorization: Bearer <redacted>")
    expect(scrub(`{"key":"dev","path":"/v1?api_key=dev&x=1"}`)).toBe(
      `{"key":"<redacted>","path":"/v1?api_key=<redacted>&x=1"}`
    )
    expect(scrub("device development dev_team usr_dev-ops")).toBe("device development dev_team usr_dev-ops")
  })

  it.effect("keeps an id whole in an error, through the client, with the key `k`", () =>
    Effect.gen(function*() {
      const id = "msg_01hrak7q2bx9m4c8d6e0f1g2k8"
      const error = yield* Effect.flip((yield* MessagesApi).getMessage(id))
      expect(error._tag === "NotFound" && error.detail).toBe(`no message has id ${id}; you sent Bearer <redacted>`)
      expect(error.message).toContain(`no message has id ${id}`)
    }).pipe(
      Effect.provide(
        stubApi(
          (_, seen) =>
            Effect.succeed(
              problem(
                404,
                `no message has id ${seen.url.pathname.split("/").pop()}; you sent ${seen.headers.authorization}`
              )
            ),
          { apiKey: "k" }
        ).layer
      )
    ))
})
