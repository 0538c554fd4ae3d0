import {
  BadRequest,
  Conflict,
  declaredStatus,
  DecodeError,
  Forbidden,
  InvalidRequest,
  isMessagesApiError,
  MessagesApiError,
  NotFound,
  RateLimited,
  ServerError,
  TransportError,
  Unauthorized,
  UnexpectedStatus,
  UnprocessableEntity,
  withOperation
} from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Schema } from "effect"

describe("the errors", () => {
  it("declare their status once, as an annotation", () => {
    expect(
      [BadRequest, Unauthorized, Forbidden, NotFound, Conflict, UnprocessableEntity, RateLimited].map(declaredStatus)
    )
      .toEqual([400, 401, 403, 404, 409, 422, 429])
    expect([ServerError, UnexpectedStatus, TransportError, DecodeError, InvalidRequest].map(declaredStatus))
      .toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  it("are told apart from other errors, and from each other, by their guards", () => {
    const notFound = new NotFound({ message: "gone", status: 404 })
    expect(isMessagesApiError(notFound)).toBe(true)
    expect(isMessagesApiError(Object.assign(new Error("gone"), { _tag: "NotFound" }))).toBe(false)
    expect(isMessagesApiError(new Error("NotFound"))).toBe(false)
    expect(isMessagesApiError(undefined)).toBe(false)
    expect(NotFound.is(notFound)).toBe(true)
    expect(Conflict.is(notFound)).toBe(false)
    expect(NotFound.is({ _tag: "NotFound", message: "a look-alike" })).toBe(false)
  })

  it.effect("are caught by their tag with their fields, and decode to their class", () =>
    Effect.gen(function*() {
      const status = yield* Effect.fail(new NotFound({ message: "gone", status: 404 })).pipe(
        Effect.catchTag("NotFound", (error) => Effect.succeed(error.status))
      )
      expect(status).toBe(404)
      const decoded = yield* Schema.decodeUnknownEffect(MessagesApiError)({ _tag: "RateLimited", message: "slow" })
      expect(decoded).toBeInstanceOf(RateLimited)
      expect(RateLimited.is(decoded) && decoded.retryable).toBe(true)
      expect(isMessagesApiError(decoded)).toBe(true)
    }))

  it("say themselves whether another attempt may help", () => {
    expect(new RateLimited({ message: "" }).retryable).toBe(true)
    expect(new ServerError({ message: "", status: 503 }).retryable).toBe(true)
    expect(new ServerError({ message: "", status: 501 }).retryable).toBe(false)
    expect(new UnexpectedStatus({ message: "", status: 408 }).retryable).toBe(true)
    expect(new UnexpectedStatus({ message: "", status: 418 }).retryable).toBe(false)
    expect(new TransportError({ message: "", reason: "ConnectionFailed" }).retryable).toBe(true)
    expect(new TransportError({ message: "", reason: "Timeout" }).retryable).toBe(true)
    expect(new TransportError({ message: "", reason: "DeadlineExceeded" }).retryable).toBe(false)
    expect(new TransportError({ message: "", reason: "ResponseTooLarge" }).retryable).toBe(false)
    expect(new NotFound({ message: "" }).retryable).toBe(false)
    expect(new InvalidRequest({ message: "" }).retryable).toBe(false)
    expect(new DecodeError({ message: "", path: "" }).retryable).toBe(false)
  })

  it("gain the operation that failed, keeping every field, class and the one they already name", () => {
    const limited = new RateLimited({ message: "slow", status: 429, retryAfter: Duration.seconds(3), requestId: "r" })
    const named = withOperation(limited, "listMessages")
    expect(named).toBeInstanceOf(RateLimited)
    expect(named).toEqual(
      new RateLimited({
        message: "slow",
        status: 429,
        retryAfter: Duration.seconds(3),
        requestId: "r",
        operation: "listMessages"
      })
    )
    expect(named.message).toBe("slow")
    expect(withOperation(named, "getMessage").operation).toBe("listMessages")
    const cause = new Error("socket hang up")
    const transport = withOperation(new TransportError({ message: "m", reason: "Timeout", cause }), "getMessage")
    expect(transport.cause).toBe(cause)
    expect(transport.operation).toBe("getMessage")
  })
})
