import { describe, expect, it } from "vitest"
import { describeIssue, formatPath } from "../src/IssueText.js"

describe("formatPath", () => {
  it.each([
    [[], ""],
    [["data"], "data"],
    [["data", 3, "date"], "data[3].date"],
    [[0, "id"], "[0].id"],
    [["headers", Symbol.for("key")], "headers.Symbol(key)"]
  ])("writes %j as %j", (path, text) => {
    expect(formatPath(path)).toBe(text)
  })
})

describe("describeIssue", () => {
  it("names the path, or gives the bare message at the root", () => {
    expect(describeIssue({ path: "data[3].date", message: "is missing" })).toBe("at data[3].date: is missing")
    expect(describeIssue({ path: "", message: "Expected string, actual 42" })).toBe("Expected string, actual 42")
  })
})
