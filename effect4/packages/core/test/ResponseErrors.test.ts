import {
  BadRequest,
  Conflict,
  detailFromBody,
  errorFromResponse,
  Forbidden,
  maxDetailLength,
  NotFound,
  RateLimited,
  retryAfterFrom,
  ServerError,
  statusOf,
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

describe("detailFromBody", () => {
  it.each([
    ["problem+json", JSON.stringify({ title: "Bad Request", detail: "limit must be 1..100" }), "limit must be 1..100"],
    ["problem+json with a title only", JSON.stringify({ title: "Conflict" }), "Conflict"],
    ["{error: {message}}", JSON.stringify({ error: { message: "no such channel", code: "x" } }), "no such channel"],
    ["{error: string}", JSON.stringify({ error: "nope" }), "nope"],
    ["{message}", JSON.stringify({ message: "slow down" }), "slow down"],
    ["a JSON string", "\"plain\"", "plain"],
    ["plain text", "upstream connect error\n or disconnect", "upstream connect error or disconnect"],
    [
      "HTML from a proxy",
      "<html><head><title>502</title><style>b{}</style></head><body><h1>Bad Gateway</h1><p>nginx</p></body></html>",
      "Bad Gateway nginx"
    ],
    ["JSON-looking text that is not JSON", "{oops", "{oops"]
  ])("reads %s", (_, body, detail) => {
    expect(detailFromBody(body)).toBe(detail)
  })

  it.each(["", "   ", "{}", "[]", "<html></html>"])("says nothing for %j", (body) => {
    expect(detailFromBody(body)).toBeUndefined()
  })

  it("shows JSON of another shape as it is", () => {
    expect(detailFromBody("{\"code\": 17}")).toBe("{\"code\": 17}")
  })

  it("cuts a huge body to a sane length", () => {
    const detail = detailFromBody("x".repeat(100_000))
    expect(detail).toHaveLength(maxDetailLength)
    expect(detail?.endsWith("…")).toBe(true)
  })
})

describe("retryAfterFrom", () => {
  it("reads seconds, milliseconds and HTTP dates", () => {
    expect(retryAfterFrom({ "retry-after": "3" }, now)).toEqual(Duration.seconds(3))
    expect(retryAfterFrom({ "retry-after-ms": "250" }, now)).toEqual(Duration.millis(250))
    expect(retryAfterFrom({ "retry-after-ms": "250", "retry-after": "3" }, now)).toEqual(Duration.millis(250))
    expect(retryAfterFrom({ "retry-after": new Date(now + 5_000).toUTCString() }, now)).toEqual(Duration.millis(5_000))
    expect(retryAfterFrom({ "retry-after": new Date(now - 5_000).toUTCString() }, now)).toEqual(Duration.zero)
  })

  it("ignores what it cannot read", () => {
    expect(retryAfterFrom({}, now)).toBeUndefined()
    expect(retryAfterFrom({ "retry-after": "soon" }, now)).toBeUndefined()
    expect(retryAfterFrom({ "retry-after": "-1" }, now)).toBeUndefined()
  })
})
