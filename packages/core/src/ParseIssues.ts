/**
 * Turns a Schema `ParseError` into the path and message of its first problem,
 * the form `DecodeError` and `InvalidRequest` report.
 */
import { describeIssue, formatPath } from "@convore/wire/IssueText"
import { ParseResult } from "effect"

/** `at data[3].date: Expected …`, or the bare message for a problem at the root (shared by both Effect lines). */
export { describeIssue }

/** The first problem of a parse error: its path (`data[3].date`, empty at the root) and its message. */
export const firstIssue = (error: ParseResult.ParseError): { readonly path: string; readonly message: string } => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined) return { path: "", message: error.message }
  return { path: formatPath(issue.path), message: issue.message }
}
