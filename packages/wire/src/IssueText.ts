/**
 * How a decoding or validation problem is written for a person: its path and
 * its message on one line, the same on both Effect lines.
 */

/** A path as a program would write it: `data[3].date`, empty at the root. */
export const formatPath = (path: ReadonlyArray<PropertyKey>): string =>
  path.reduce<string>(
    (text, key) => typeof key === "number" ? `${text}[${key}]` : text === "" ? String(key) : `${text}.${String(key)}`,
    ""
  )

/** `at data[3].date: Expected …`, or the bare message for a problem at the root. */
export const describeIssue = (issue: { readonly path: string; readonly message: string }): string =>
  issue.path === "" ? issue.message : `at ${issue.path}: ${issue.message}`
