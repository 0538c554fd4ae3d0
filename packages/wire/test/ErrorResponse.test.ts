import { describe, expect, it } from "vitest"
import { errorResponseFields } from "../src/ErrorResponse.js"

describe("errorResponseFields", () => {
  it("carries the request id and the detail in a readable message", () => {
    expect(
      errorResponseFields({
        status: 404,
        headers: { "x-request-id": "req_9" },
        body: JSON.stringify({ type: "about:blank", title: "Not Found", status: 404, detail: "No message msg_1" }),
        operation: "getMessage"
      })
    ).toStrictEqual({
      message: "404 Not Found: No message msg_1 (request req_9)",
      status: 404,
      requestId: "req_9",
      detail: "No message msg_1",
      operation: "getMessage"
    })
  })

  it("leaves out what the response does not say", () => {
    expect(errorResponseFields({ status: 418, headers: {}, body: "" })).toStrictEqual({
      message: "418 HTTP 418",
      status: 418
    })
  })
})
