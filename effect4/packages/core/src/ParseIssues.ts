/**
 * Turns a `Schema.SchemaError` into the path and message of its first
 * problem, the form `DecodeError` and `InvalidRequest` report.
 *
 * The messages are worded as the Effect 3 line words them, so a program reads
 * the same text on either line: `is missing`, `Expected string, actual 42`,
 * and, for an enum of `Models`, `Expected one of "minimal", "full", got
 * "medium"`. Effect 4 keeps the refused value out of an issue unless the
 * decode asked for it: decode with `{ reportInput: true }` (as `FastDecoder`
 * does) for messages that name it.
 */
import { describeIssue, formatPath } from "@convore/wire/IssueText"
import type { Schema } from "effect"
import { Formatter, SchemaAST, SchemaIssue } from "effect"

/** `at data[3].date: Expected …`, or the bare message for a problem at the root (shared by both Effect lines). */
export { describeIssue }

/** The refused value as the message shows it, when the decode reported it. */
const actual = (issue: SchemaIssue.Issue): string | undefined =>
  SchemaIssue.hasInput(issue) ? Formatter.format(issue.input) : undefined

/** The names both lines give the keywords. */
const keywords: Partial<Record<SchemaAST.AST["_tag"], string>> = {
  String: "string",
  Number: "number",
  Boolean: "boolean",
  BigInt: "bigint",
  Symbol: "symbol",
  Null: "null",
  Undefined: "undefined",
  Unknown: "unknown",
  Any: "any",
  Never: "never",
  Void: "void",
  ObjectKeyword: "object"
}

/** Effect's own description of a node no rule below names as Effect 3 did. */
const described = (ast: SchemaAST.AST): string =>
  keywords[ast._tag] ?? SchemaIssue.defaultLeafHook(new SchemaIssue.InvalidType(ast)).replace(/^Expected /, "")

/** How Effect 3 names a node inside another: its identifier (its checks' too), else its shape. */
const named = (ast: SchemaAST.AST): string => SchemaAST.resolveIdentifier(ast) ?? shape(ast)

/**
 * How Effect 3 writes a node of no name of its own: literals as JSON, unions
 * joined with `|`, `ReadonlyArray<…>`, structs as `{ readonly key?: … }`.
 */
const shape = (ast: SchemaAST.AST): string => {
  const own = ast.annotations?.["expected"] ?? ast.annotations?.["identifier"]
  if (typeof own === "string") return own
  switch (ast._tag) {
    case "Literal":
      return Formatter.format(ast.literal)
    case "Union":
      return ast.types.map(named).join(" | ")
    case "Arrays":
      return ast.elements.length === 0 && ast.rest.length === 1
        ? `ReadonlyArray<${named(ast.rest[0]!)}>`
        : described(ast)
    case "Objects":
      return ast.indexSignatures.length > 0 || ast.propertySignatures.length === 0 ?
        described(ast) :
        `{ ${
          ast.propertySignatures.map((property) =>
            `readonly ${String(property.name)}${property.type.context?.isOptional ? "?" : ""}: ${named(property.type)}`
          ).join("; ")
        } }`
    default:
      return described(ast)
  }
}

/**
 * What a value of the wrong type is told, for the node it failed at: its own
 * `message`; for a named union of literals (an enum of `Models`) the values
 * it takes; for another union what its first member expects (Effect 3 reports
 * that member's problem); else `Expected <shape>, actual <value>`. A type
 * check runs before the node's filters, so their annotations do not name it.
 */
const expected = (ast: SchemaAST.AST, issue: SchemaIssue.Issue): string => {
  const message = ast.annotations?.["message"]
  if (typeof message === "string") return message
  const input = actual(issue)
  if (SchemaAST.isUnion(ast)) {
    if (typeof ast.annotations?.["identifier"] === "string" && ast.types.every(SchemaAST.isLiteral)) {
      const values = ast.types.map((literal) => Formatter.format(literal.literal)).join(", ")
      return `Expected one of ${values}${input === undefined ? "" : `, got ${input}`}`
    }
    if (ast.types.length > 0) return expected(ast.types[0]!, issue)
  }
  return `Expected ${shape(ast)}${input === undefined ? "" : `, actual ${input}`}`
}

/** The message of a problem that holds no other: a custom one, else Effect 3's words for its kind. */
const leafMessage = (issue: SchemaIssue.Leaf | SchemaIssue.AnyOf): string => {
  switch (issue._tag) {
    case "MissingKey":
      return issue.annotations?.messageMissingKey ?? "is missing"
    case "UnexpectedKey": {
      const custom = issue.ast.annotations?.["messageUnexpectedKey"]
      return typeof custom === "string" ? custom : "is unexpected"
    }
    case "Forbidden":
      return issue.annotations?.message ?? "is forbidden"
    case "InvalidType":
    case "AnyOf":
      return expected(issue.ast, issue)
    case "InvalidValue":
    case "OneOf":
      return SchemaIssue.defaultLeafHook(issue)
  }
}

/** The message a failed filter gives: its own `message` (or the one it returned), else `Expected <what it checks>`. */
const filterMessage = (issue: SchemaIssue.Filter): string | undefined => {
  const own = issue.filter.annotations?.message
  if (typeof own === "string") return own
  if (issue.issue._tag !== "InvalidValue" || typeof issue.issue.annotations?.message === "string") return undefined
  const what = issue.filter.annotations?.expected ?? issue.issue.annotations?.expected
  if (typeof what !== "string") return undefined
  const input = actual(issue) ?? actual(issue.issue)
  return input === undefined ? `Expected ${what}` : `Expected ${what}, actual ${input}`
}

const first = (
  issue: SchemaIssue.Issue,
  path: ReadonlyArray<PropertyKey>,
  message: string | undefined
): { readonly path: ReadonlyArray<PropertyKey>; readonly message: string } => {
  switch (issue._tag) {
    case "Pointer":
      return first(issue.issue, [...path, ...issue.path], message)
    case "Encoding":
      return first(issue.issue, path, message)
    case "Filter":
      return first(issue.issue, path, message ?? filterMessage(issue))
    case "Composite":
      return first(issue.issues[0], path, message)
    case "AnyOf":
      if (issue.issues.length > 0) return first(issue.issues[0]!, path, message)
      return { path, message: message ?? leafMessage(issue) }
    default:
      return { path, message: message ?? leafMessage(issue) }
  }
}

/** The first problem of a schema error: its path (`data[3].date`, empty at the root) and its message. */
export const firstIssue = (error: Schema.SchemaError): { readonly path: string; readonly message: string } => {
  const found = first(error.issue, [], undefined)
  return { path: formatPath(found.path), message: found.message }
}
