import {
  BadRequest,
  Conflict,
  detailFromBody,
  errorFromResponse,
  Forbidden,
  isRetryableStatus,
  maxDetailLength,
  NotFound,
  RateLimited,
  retryAfterFrom,
  ServerError,
  statusOf,
  titleOf,
  Unauthorized,
  UnexpectedStatus,
  UnprocessableEntity
} from "@convore/core"
import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"

const now = Date.UTC(2024, 2, 8, 10)
const respond = (status: number, body = "", headers: Record<string, string> = {}) =>
  errorFromResponse({ status, headers, body, now })

describe("errorFromResponse", () => {
  it.each([
    [400, BadRequest],
    [401, Unauthorized],
    [403, Forbidden],
    [404, NotFound],
    [409, Conflict],
    [422, UnprocessableEntity],
    [429, RateLimited],
    [500, ServerError],
    [502, ServerError],
    [503, ServerError],
    [504, ServerError],
    [599, ServerError],
    [300, UnexpectedStatus],
    [304, UnexpectedStatus],
    [405, UnexpectedStatus],
    [408, UnexpectedStatus],
    [418, UnexpectedStatus],
    [451, UnexpectedStatus],
    [600, UnexpectedStatus]
  ])("maps %d to its error class", (status, errorClass) => {
    const error = respond(status)
    expect(error).toBeInstanceOf(errorClass)
    expect(error.status).toBe(status)
    expect(statusOf(error)).toBe(status)
  })

  it("carries the request id and the detail in a readable message", () => {
    const error = respond(
      404,
      JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "No message msg_1" }),
      { "x-request-id": "req_9" }
    )
    expect(error).toEqual(
      new NotFound({
        message: "404 Not Found: No message msg_1 (request req_9)",
        status: 404,
        requestId: "req_9",
        detail: "No message msg_1"
      })
    )
  })

  it("reads a 429's Retry-After into retryAfter", () => {
    const error = respond(429, "", { "retry-after": "7" })
    expect(error._tag === "RateLimited" && error.retryAfter).toEqual(Duration.seconds(7))
  })
})

describe("the readers shared with @convore/wire", () => {
  it("are re-exported under their names and read as before", () => {
    expect(detailFromBody(JSON.stringify({ error: { message: "no such channel" } }))).toBe("no such channel")
    expect(detailFromBody("x".repeat(100_000))).toHaveLength(maxDetailLength)
    expect(titleOf(404)).toBe("Not Found")
    expect(isRetryableStatus(503)).toBe(true)
  })

  it("read Retry-After into a Duration", () => {
    expect(retryAfterFrom({ "retry-after": "3" }, now)).toEqual(Duration.seconds(3))
    expect(retryAfterFrom({ "retry-after-ms": "250" }, now)).toEqual(Duration.millis(250))
    expect(retryAfterFrom({ "retry-after": new Date(now - 5_000).toUTCString() }, now)).toEqual(Duration.zero)
    expect(retryAfterFrom({ "retry-after": "soon" }, now)).toBeUndefined()
  })
})
