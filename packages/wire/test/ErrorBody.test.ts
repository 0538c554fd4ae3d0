import { describe, expect, it } from "vitest"
import { detailFromBody, maxDetailLength } from "../src/ErrorBody.js"

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
