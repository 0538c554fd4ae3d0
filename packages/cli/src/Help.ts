/**
 * `--help` as a person reads it. @effect/cli builds the help of a command
 * (its usage and a `HelpDoc`); it prints it always in colour, on lines as
 * long as the text, with the usage of a subcommand missing the command's
 * name and each argument's type stated before its description ("A
 * user-defined piece of text."), and none of that is a setting. So the help
 * is printed here, from the same parts: in colour only when stdout is a
 * terminal and `NO_COLOR` is unset (no-color.org), wrapped to the terminal's
 * width (80 columns when not a terminal), the usage named from the command,
 * each option and argument described by its own words (the type shows in
 * its name line), and the subcommands listed one line each.
 */
import { type CliConfig, CommandDescriptor, type HelpDoc, type Span, Usage } from "@effect/cli"
import type { FileSystem, Path, Terminal } from "@effect/platform"
import * as Ansi from "@effect/printer-ansi/Ansi"
import * as AnsiDoc from "@effect/printer-ansi/AnsiDoc"
import * as Doc from "@effect/printer/Doc"
import { Config, Effect, Option } from "effect"
import * as Output from "./Output.js"

/** Where the help goes: whether it may have colour, and how wide it may be. */
export interface Style {
  readonly colour: boolean
  readonly width: number
}

/** The style of stdout: colour on a terminal when `NO_COLOR` is unset or empty; its width up to 100, else 80. */
export const style: Effect.Effect<Style> = Effect.map(
  Config.string("NO_COLOR").pipe(Config.withDefault(""), Effect.orElseSucceed(() => "")),
  (noColor) => ({
    colour: Output.isTerminal() && noColor === "",
    width: Output.isTerminal() ? Math.min(process.stdout.columns || 80, 100) : 80
  })
)

/** The text of a span, without its emphasis. */
const textOf = (span: Span.Span): string => {
  switch (span._tag) {
    case "Text":
    case "URI":
      return span.value
    case "Sequence":
      return textOf(span.left) + textOf(span.right)
    case "Highlight":
    case "Strong":
    case "Weak":
      return textOf(span.value)
  }
}

/** The pieces of a span, in order. */
const piecesOf = (span: Span.Span): ReadonlyArray<string> =>
  span._tag === "Sequence" ? [...piecesOf(span.left), ...piecesOf(span.right)] : [textOf(span)]

/** A help document as the list of its blocks (headers, paragraphs, lists). */
const blocksOf = (doc: HelpDoc.HelpDoc): ReadonlyArray<HelpDoc.HelpDoc> =>
  doc._tag === "Sequence" ? [...blocksOf(doc.left), ...blocksOf(doc.right)] : doc._tag === "Empty" ? [] : [doc]

/** What the help is drawn with: its width, and bold when it may have colour. */
interface Pen {
  readonly width: number
  readonly bold: (text: string) => string
}

/**
 * `text` wrapped at spaces to the width, from column `indent`; the lines
 * after the first `hang` columns further in. The spaces inside a line are
 * kept (a table's columns); a word longer than a line has a line of its
 * own. (Not @effect/printer's `reflow`: its layout of a paragraph takes time
 * that grows with the cube of its words.)
 */
const wrap = (text: string, width: number, indent: number, hang = 0): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = " ".repeat(indent)
  for (const token of text.trim().match(/\S+\s*/g) ?? []) {
    if (line.trim() !== "" && line.length + token.trimEnd().length > width) {
      lines.push(line.trimEnd())
      line = " ".repeat(indent + hang)
    }
    line += token
  }
  return [...lines, line.trimEnd()]
}

/**
 * A text wrapped to the width from column `indent`: each of its lines on
 * its own, an indented line (an example, a row of a table) kept at its
 * indentation and its continuation 3 columns further in.
 */
const prose = (text: string, pen: Pen, indent = 0): string =>
  text.split("\n").flatMap((line) => {
    const indentation = line.length - line.trimStart().length
    return line.trim() === "" ? [""] : wrap(line.trim(), pen.width, indent + indentation, indentation === 0 ? 0 : 3)
  }).join("\n")

/** One option or argument: its name line, then its own description (the type's stock sentence left out). */
const definition = ([term, description]: readonly [Span.Span, HelpDoc.HelpDoc], pen: Pen): string => {
  const [, ...own] = blocksOf(description)
  return [
    pen.bold(textOf(term)),
    ...own.flatMap((block) => block._tag === "Paragraph" ? [prose(textOf(block.value), pen, 2)] : [])
  ].join("\n")
}

/**
 * The subcommands, one line each: @effect/cli lists each with its whole
 * usage, a padding and its whole description; here its name and the first
 * sentence of its description.
 */
const commands = (elements: ReadonlyArray<HelpDoc.HelpDoc>, pen: Pen): string => {
  const rows = elements.flatMap((element) => {
    if (element._tag !== "Paragraph") return []
    const pieces = piecesOf(element.value)
    const padding = pieces.findIndex((piece) => /^ {2,}$/.test(piece))
    const name = pieces.join("").split(" ")[0] ?? ""
    const description = pieces.slice(padding + 1).join("")
    return [{ name, summary: description.split(/(?<=\.)\s/)[0] ?? description }]
  })
  const column = Math.max(...rows.map(({ name }) => name.length)) + 4
  return rows.map(({ name, summary }) => {
    const [first = "", ...rest] = wrap(summary, pen.width, column)
    return [`  ${pen.bold(name)}${first.slice(name.length + 2)}`, ...rest].join("\n")
  }).join("\n")
}

/** A help document's block, rendered; `header` is the section it is in. */
const block = (doc: HelpDoc.HelpDoc, header: string, pen: Pen): string => {
  switch (doc._tag) {
    case "Paragraph":
      return prose(textOf(doc.value), pen)
    case "DescriptionList":
      return doc.definitions.map((entry) => definition(entry, pen)).join("\n\n")
    case "Enumeration":
      return header === "COMMANDS"
        ? commands(doc.elements, pen)
        : doc.elements.map((element) => `- ${block(element, header, pen)}`).join("\n")
    default:
      return ""
  }
}

/** A help document's sections: each header in bold, right over its first block. */
const body = (doc: HelpDoc.HelpDoc, pen: Pen): ReadonlyArray<string> => {
  const sections: Array<string> = []
  let header = ""
  let titled = false
  for (const part of blocksOf(doc)) {
    if (part._tag === "Header") {
      header = textOf(part.value)
      titled = true
      continue
    }
    sections.push(titled ? `${pen.bold(header)}\n${block(part, header, pen)}` : block(part, header, pen))
    titled = false
  }
  return sections
}

/** The usage lines, each from the command's name (`$ convore export …`, not `$ export …`). */
const usageOf = (name: string, usage: Usage.Usage, config: CliConfig.CliConfig, pen: Pen): string =>
  Usage.enumerate(usage, config).map((span) => {
    const text = textOf(span)
    const named = text === name
      ? `${name} <command> [options]`
      : text.startsWith(`${name} `)
      ? text
      : `${name} ${text}`
    return wrap(`$ ${named}`, pen.width, 0, 4).join("\n")
  }).join("\n")

/** The help of `usage` and `doc` (as @effect/cli makes them) for the command `name`, as text in `style`. */
export const render = (options: {
  readonly name: string
  readonly version: string
  readonly usage: Usage.Usage
  readonly doc: HelpDoc.HelpDoc
  readonly config: CliConfig.CliConfig
  readonly style: Style
}): string => {
  const pen: Pen = {
    width: options.style.width,
    bold: (text) =>
      options.style.colour ? AnsiDoc.render(Doc.annotate(Doc.text(text), Ansi.bold), { style: "pretty" }) : text
  }
  return `${
    [
      pen.bold(`${options.name} ${options.version}`),
      `${pen.bold("USAGE")}\n${usageOf(options.name, options.usage, options.config, pen)}`,
      ...body(options.doc, pen)
    ].join("\n\n")
  }\n`
}

/**
 * When `args` (the command line without node and the script) ask for help,
 * prints it to stdout and answers true; answers false for anything else,
 * which @effect/cli runs (and reports, for a bad command line).
 */
export const show = (options: {
  readonly name: string
  readonly version: string
  readonly command: CommandDescriptor.Command<unknown>
  readonly args: ReadonlyArray<string>
  readonly config: CliConfig.CliConfig
}): Effect.Effect<boolean, never, FileSystem.FileSystem | Path.Path | Terminal.Terminal> =>
  Effect.gen(function*() {
    if (!options.args.includes("--help") && !options.args.includes("-h")) return false
    const directive = yield* CommandDescriptor.parse(options.command, [options.name, ...options.args], options.config)
      .pipe(Effect.option)
    if (Option.isNone(directive) || directive.value._tag !== "BuiltIn" || directive.value.option._tag !== "ShowHelp") {
      return false
    }
    const text = render({
      name: options.name,
      version: options.version,
      usage: directive.value.option.usage,
      doc: directive.value.option.helpDoc,
      config: options.config,
      style: yield* style
    })
    // `convore --help | head`: a reader that leaves early is no failure
    yield* Effect.ignore(Output.write(text))
    return true
  })
