/**
 * Turns a Schema `ParseError` into the path and message of its first problem,
 * the form `DecodeError` and `InvalidRequest` report.
 */
import { ParseResult } from "effect"

const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
    ""
  )

/** The first problem of a parse error: its path (`data[3].date`, empty at the root) and its message. */
export const firstIssue = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined) return { path: "", message: error.message }
  return { path: formatPath(issue.path), message: issue.message }
}

/** `at data[3].date: Expected …`, or the bare message for a problem at the root. */
export const describeIssue = (issue: { readonly path: string; readonly message: string }): string =>
  issue.path === "" ? issue.message : `at ${issue.path}: ${issue.message}`
