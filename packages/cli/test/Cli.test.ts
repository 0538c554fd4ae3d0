/**
 * `convore` driven as a process, the way a person or a script runs it,
 * against the mock server with faults on: exports and imports killed and
 * rerun, a closed pipe, and the one-line errors with their exit codes.
 * Nothing here waits on a clock: kills are triggered by what the command
 * prints.
 */
import { ImportMessageRequest, type Message } from "@convore/core"
import { Fixtures, MockServer, type MockServerOptions } from "@convore/testing"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect, Schema } from "effect"
import { spawn } from "node:child_process"
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs"
import { createServer, type Server } from "node:http"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { exampleLine } from "../src/ImportCommand.js"

const apiKey = "sk_cli_s3cr3t_never_echoed"
const bin = fileURLToPath(new URL("../src/bin/convore.ts", import.meta.url))
const root = fileURLToPath(new URL("../../..", import.meta.url))

/** What a run of the command left. */
interface Run {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/**
 * Runs `convore args` against `url` (one process: node with tsx's loader),
 * feeding `stdin`, with stdout and stderr pipes; `env` changes the
 * environment (`undefined` removes a variable); `stopWhen` sees stdout as it
 * grows and may kill the process (`"kill"`) or close its stdout as a reader
 * leaving a pipe does (`"close"`).
 */
const convore = (
  url: string,
  args: ReadonlyArray<string>,
  options: {
    readonly stdin?: string
    readonly env?: Readonly<Record<string, string | undefined>>
    readonly stopWhen?: (stdout: string) => "kill" | "close" | undefined
  } = {}
) =>
  Effect.async<Run>((resume) => {
    const env = { ...process.env, CONVORE_BASE_URL: url, CONVORE_API_KEY: apiKey, NO_COLOR: "1", ...options.env }
    const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
      cwd: root,
      env: Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined))
    })
    let stdout = ""
    let stderr = ""
    let stopped = false
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString()
      const stop = stopped ? undefined : options.stopWhen?.(stdout)
      if (stop === "kill") child.kill("SIGKILL")
      if (stop === "close") child.stdout.destroy()
      stopped ||= stop !== undefined
    })
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()))
    child.stdin.end(options.stdin ?? "")
    child.on("close", (code) => resume(Effect.succeed({ code, stdout, stderr })))
    return Effect.sync(() => child.kill("SIGKILL"))
  })

const server = (options: Omit<MockServerOptions, "apiKey"> = {}) =>
  MockServer.layer({ apiKey, messages: Fixtures.conversations, ...options })

const bigConversation = (id: string, messages: number) =>
  Fixtures.conversation({
    conversationId: id,
    channelId: "chnnl_big",
    subject: "Big",
    people: [{ name: "A", address: "a@x.example" }, { name: "B", address: "b@x.example" }],
    messages,
    start: "2020-01-01T00:00:00Z",
    everyMinutes: 1
  })

/** The order the API lists a conversation in: newest first, then by id. */
const listingOrder = (a: Message, b: Message) =>
  DateTime.toEpochMillis(b.date) - DateTime.toEpochMillis(a.date) || (a.id < b.id ? 1 : -1)

const idsIn = (path: string) =>
  readFileSync(path, "utf8").trimEnd().split("\n").filter((line) => line !== "").map((line) =>
    JSON.parse(line).id as string
  )

const faults = { failureRate: 0.1, rateLimitRate: 0.05, resetMidBodyRate: 0.02, retryAfter: 0, seed: 11 }

describe("convore export", { timeout: 120_000 }, () => {
  it.live("exports 3 conversations through faults, each file its conversation once, in order", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const out = mkdtempSync(join(tmpdir(), "convore-cli-"))
      const ids = ["cnv_01hrak3jpaefnvk899sya9crzd", "cnv_01hrak7q2bx9m4c8d6e0f1g2h3", "cnv_01hrakb5sd3f4g5h6j7k8m9n0p"]
      const run = yield* convore(url, ["export", ...ids, "--out", out, "--limit", "5", "--max-retries", "8"])
      expect(run.stderr).toBe("")
      expect(run.code).toBe(0)
      const total = Fixtures.conversations.filter((m) => ids.includes(m.conversation_id)).length
      expect(run.stdout).toMatch(new RegExp(`^exported 3 of 3 conversation\\(s\\), ${total} messages, to .* in `, "m"))
      for (const id of ids) {
        const expected = Fixtures.conversations.filter((m) => m.conversation_id === id).sort(listingOrder)
        expect(idsIn(join(out, `${id}.ndjson`))).toEqual(expected.map((m) => m.id))
      }
    }).pipe(Effect.provide(server({ faults }))))

  it.live("killed mid-export and rerun, leaves each message once, in order", () => {
    const big = bigConversation("cnv_big", 6_000)
    return Effect.gen(function*() {
      const { url } = yield* MockServer
      const out = mkdtempSync(join(tmpdir(), "convore-cli-"))
      const args = ["export", "cnv_big", "--out", out, "--limit", "50", "--max-retries", "8"]
      // the first progress line comes after the first page is written and checkpointed
      const killed = yield* convore(url, args, {
        stopWhen: (stdout) => stdout.includes("running") ? "kill" : undefined
      })
      expect(killed.code).toBe(null)
      const partial = idsIn(join(out, "cnv_big.ndjson")).length
      expect(partial).toBeLessThan(6_000)
      const rerun = yield* convore(url, args)
      expect(rerun.code).toBe(0)
      expect(idsIn(join(out, "cnv_big.ndjson"))).toEqual([...big].sort(listingOrder).map((m) => m.id))
    }).pipe(Effect.provide(server({ messages: big, faults: { ...faults, latency: "2 millis" } })))
  })
})

describe("convore import", { timeout: 120_000 }, () => {
  const conversation = "cnv_01hrak3jpaefnvk899sya9crzd"
  const lines = (count: number) =>
    Array.from({ length: count }, (_, i) =>
      JSON.stringify({
        conversation_id: conversation,
        date: new Date(Date.UTC(2023, 0, 1) + i * 60_000).toISOString(),
        sender: { handle: { type: "email", value: "ada@example.com" }, role: "from" },
        recipients: [],
        body: `imported line ${i}`
      }))

  it.live("killed mid-import and rerun with faults and lost answers, creates each line's message once", () =>
    Effect.gen(function*() {
      const { store, url } = yield* MockServer
      const file = join(mkdtempSync(join(tmpdir(), "convore-cli-")), "messages.ndjson")
      writeFileSync(file, `${lines(1_000).join("\n")}\n`)
      const args = ["import", file, "--max-retries", "8", "--concurrency", "8"]
      const killed = yield* convore(url, args, {
        stopWhen: (stdout) => stdout.includes("imported,") ? "kill" : undefined
      })
      expect(killed.code).toBe(null)
      const before = (yield* store.messages).filter((m) => m.body?.startsWith("imported line ")).length
      expect(before).toBeGreaterThan(0)
      expect(before).toBeLessThan(1_000)
      const rerun = yield* convore(url, args)
      expect(rerun.code).toBe(0)
      expect(rerun.stdout).toMatch(/import .*: 1,000 imported, 0 rejected, 0 blank, in /)
      const bodies = (yield* store.messages).flatMap((m) => m.body?.startsWith("imported line ") ? [m.body] : [])
      expect(bodies).toHaveLength(1_000)
      expect(new Set(bodies).size).toBe(1_000)
    }).pipe(
      Effect.provide(server({ faults: { ...faults, dropAfterCommitRate: 0.05, latency: "2 millis" } }))
    ))

  it.live("sends lines that fail for good to the rejects file with their typed error, and exits 8", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const dir = mkdtempSync(join(tmpdir(), "convore-cli-"))
      const file = join(dir, "mixed.ndjson")
      const [first, second, third] = lines(3) as [string, string, string]
      writeFileSync(
        file,
        [first, "not json", second, "{\"conversation_id\":\"x\"}", third.replace(conversation, "cnv_nope"), ""].join(
          "\n"
        )
      )
      const run = yield* convore(url, ["import", file])
      expect(run.code).toBe(8)
      expect(run.stdout).toMatch(/2 imported, 3 rejected \(see .*mixed\.rejects\.ndjson/)
      const rejects = readFileSync(join(dir, "mixed.rejects.ndjson"), "utf8").trimEnd().split("\n").map((line) =>
        JSON.parse(line) as { line: number; error: { _tag: string } }
      )
      expect(rejects.map((r) => [r.line, r.error._tag])).toEqual([[2, "InvalidLine"], [4, "InvalidLine"], [
        5,
        "NotFound"
      ]])
    }).pipe(Effect.provide(server())))
})

describe("convore list, get, send", { timeout: 120_000 }, () => {
  it.live("list prints NDJSON in the server's order, and stops cleanly when the reader leaves", () => {
    const big = bigConversation("cnv_pipe", 3_000)
    return Effect.gen(function*() {
      const { url } = yield* MockServer
      const all = yield* convore(url, ["list", "cnv_pipe"])
      expect(all.code).toBe(0)
      expect(all.stdout.trimEnd().split("\n").map((line) => JSON.parse(line).id)).toEqual(
        [...big].sort(listingOrder).map((m) => m.id)
      )
      const closed = yield* convore(url, ["list", "cnv_pipe", "--limit", "10"], { stopWhen: () => "close" })
      expect(closed).toMatchObject({ code: 0, stderr: "" })
    }).pipe(Effect.provide(server({ messages: big })))
  })

  it.live("get and send print the message; send reads its body from stdin", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const send = ["send", "--channel", "chnnl_01hrak3jpaefnvk899sya9crzd", "--to", "b@x.example"]
      const sent = yield* convore(url, send, { stdin: "Hello from stdin\n" })
      expect(sent.code).toBe(0)
      const message = JSON.parse(sent.stdout)
      // `echo … |` ends the text with a newline that is not the body's
      expect(message.body).toBe("Hello from stdin")
      // one line ending only, \r\n as \n; the rest of the text is the body's own
      const bodies = yield* Effect.forEach(
        ["two lines\r\n", "  indented\n\n", "no ending"],
        (stdin) => Effect.map(convore(url, send, { stdin }), (run) => JSON.parse(run.stdout).body),
        { concurrency: 3 }
      )
      expect(bodies).toEqual(["two lines", "  indented\n", "no ending"])
      const got = yield* convore(url, ["get", message.id])
      expect(got.code).toBe(0)
      expect(JSON.parse(got.stdout)).toEqual(message)
    }).pipe(Effect.provide(server())))

  it.live("fail with one line naming the typed error and what to do, the exit code of its class, the key never shown", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const cases: ReadonlyArray<readonly [ReadonlyArray<string>, number, RegExp]> = [
        [["get", "msg_nope"], 4, /^NotFound: 404 Not Found: .*\(check the id\)\n$/],
        [
          ["get", "msg_1", "--api-key", "sk_wrong_key"],
          3,
          /^Unauthorized: 401 .*\(check --api-key or CONVORE_API_KEY\)\n$/
        ],
        [["get", "a/b"], 2, /^InvalidRequest: getMessage: invalid messageId: an id cannot contain "\/"/],
        [["list", "cnv_1", "--limit", "500"], 2, /^InvalidRequest: listMessages: invalid params: at limit: /],
        [["get", "msg_1", "--timeout", "soon"], 2, /^bad settings: Invalid data at timeout: /],
        [["get", "msg_1", "--base-url", "ftp://example.com"], 2, /^bad settings: /],
        [["export", "cnv_1", "--out", "/tmp", "--concurrency", "0"], 2, /--concurrency must be 1 or more/],
        [["import", "/nonexistent/messages.ndjson"], 2, /\/nonexistent\/messages\.ndjson/],
        [
          ["send", "--reply-to", "msg_nope", "--body", "Hi"],
          4,
          /^NotFound: 404 Not Found: no message has id msg_nope .*\(check the id\)\n$/
        ]
      ]
      const runs = yield* Effect.forEach(cases, ([args]) => convore(url, args), { concurrency: 4 })
      runs.forEach((run, i) => {
        const [args, code, stderr] = cases[i]!
        expect([args, run.code]).toEqual([args, code])
        expect(run.stderr).toMatch(stderr)
        expect(run.stderr + run.stdout).not.toContain("s3cr3t")
      })
      const usage = yield* convore(url, ["get"])
      expect(usage.code).toBe(2)
      expect(usage.stderr + usage.stdout).toContain("Missing argument <message_id>")
    }).pipe(Effect.provide(server())))
})

/** An address nothing listens on: a port the system gave, then closed. */
const closedPort = Effect.async<number>((resume) => {
  const server = createServer().listen(0, "127.0.0.1", () => {
    const { port } = server.address() as AddressInfo
    server.close(() => resume(Effect.succeed(port)))
  })
})

/** An HTTP server for the scope, answering every request with 200 and `body` as JSON. */
const answering = (body: string) =>
  Effect.acquireRelease(
    Effect.async<Server>((resume) => {
      const server = createServer((_, response) => {
        response.writeHead(200, { "content-type": "application/json" }).end(body)
      }).listen(0, "127.0.0.1", () => resume(Effect.succeed(server)))
    }),
    (server) => Effect.async<void>((resume) => void server.close(() => resume(Effect.void)))
  ).pipe(Effect.map((server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`))

describe("convore, first contact", { timeout: 120_000 }, () => {
  const noMessages = (id: string) => `${id}: no messages: not a conversation, or an empty one (check the id)\n`

  it.live("list of a conversation with no messages names it on stderr and exits 4", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const run = yield* convore(url, ["list", "cnv_typo"])
      expect(run).toEqual({ code: 4, stdout: "", stderr: noMessages("cnv_typo") })
    }).pipe(Effect.provide(server())))

  it.live("export exports the others, reports each conversation with no messages, leaves it no file, exits 4; a rerun too", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const out = mkdtempSync(join(tmpdir(), "convore-cli-"))
      const real = "cnv_01hrakb5sd3f4g5h6j7k8m9n0p"
      const args = ["export", "cnv_typo", real, "cnv_typo_too", "--out", out]
      const expected = Fixtures.conversations.filter((m) => m.conversation_id === real).sort(listingOrder)
      for (const _ of [1, 2]) {
        const run = yield* convore(url, args)
        expect(run.code).toBe(4)
        expect(run.stderr.split("\n").sort()).toEqual(
          ["", noMessages("cnv_typo"), noMessages("cnv_typo_too")].map(
            (line) => line.trimEnd()
          ).sort()
        )
        expect(run.stdout).toMatch(new RegExp(`^exported 1 of 3 conversation\\(s\\), ${expected.length} messages`, "m"))
        expect(readdirSync(out).sort()).toEqual([`${real}.ndjson`, `${real}.ndjson.checkpoint.json`])
        expect(idsIn(join(out, `${real}.ndjson`))).toEqual(expected.map((m) => m.id))
      }
    }).pipe(Effect.provide(server())))

  it.live("without a key, exits 3 naming --api-key and CONVORE_API_KEY; an empty key is no key either", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const none = yield* convore(url, ["list", "cnv_1"], { env: { CONVORE_API_KEY: undefined } })
      expect(none).toEqual({
        code: 3,
        stdout: "",
        stderr: "no API key: give --api-key KEY or set CONVORE_API_KEY\n"
      })
      const empty = yield* convore(url, ["get", "msg_1"], { env: { CONVORE_API_KEY: "" } })
      expect(empty.code).toBe(3)
      expect(empty.stderr).toMatch(/^bad settings: .*apiKey is empty/)
    }).pipe(Effect.provide(server())))

  it.live("a connection that cannot be made points at --base-url, quoting the URL tried; exits 6", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const port = yield* closedPort
      const cases: ReadonlyArray<readonly [string, RegExp]> = [
        [`http://127.0.0.1:${port}`, /ECONNREFUSED/],
        ["http://nohost.invalid", /ENOTFOUND|EAI_AGAIN/],
        // TLS spoken to a server that speaks plain HTTP
        [url.replace(/^http:/, "https:"), /SSL|TLS|wrong version/i]
      ]
      const runs = yield* Effect.forEach(
        cases,
        ([baseUrl]) => convore(url, ["get", "msg_1", "--base-url", baseUrl, "--max-retries", "0"]),
        { concurrency: 3 }
      )
      runs.forEach((run, i) => {
        const [baseUrl, cause] = cases[i]!
        expect([baseUrl, run.code]).toEqual([baseUrl, 6])
        expect(run.stderr).toMatch(
          /^TransportError: getMessage \(GET \/v1\/messages\/\{message_id\}\): the request failed: /
        )
        expect(run.stderr).toMatch(cause)
        expect(run.stderr).toContain(` (could not connect to ${baseUrl}: check --base-url or CONVORE_BASE_URL)\n`)
        expect(run.stderr.split("\n")).toHaveLength(2)
      })
    }).pipe(Effect.provide(server())))

  it.live("a connection reset by the server is no wrong address: retries ran out, try later; exits 6", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const run = yield* convore(url, ["get", "msg_1", "--max-retries", "0"])
      expect(run.code).toBe(6)
      expect(run.stderr).toMatch(
        /^TransportError: .*\(retries ran out: try again later, or raise --max-retries \/ --timeout\)\n$/
      )
      expect(run.stderr).not.toContain("--base-url")
    }).pipe(Effect.provide(server({ faults: { resetBeforeHeadersRate: 1 } }))))

  it.live("each exit code of the table: 5 refused, 6 failed after retries, 7 a broken answer, 8 an export stopped", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const send = ["send", "--channel", "chnnl_01hrak3jpaefnvk899sya9crzd", "--idempotency-key", "cli-conflict"]
      expect((yield* convore(url, [...send, "--to", "a@x.example", "--body", "one"])).code).toBe(0)
      const refused = yield* convore(url, [...send, "--to", "b@x.example", "--body", "two"])
      expect(refused.code).toBe(5)
      expect(refused.stderr).toMatch(/^Conflict: 409 .*\(the server refused the request as sent: change it\)\n$/)

      const broken = yield* convore(yield* answering("{}"), ["get", "msg_1"])
      expect(broken.code).toBe(7)
      expect(broken.stderr).toMatch(/^DecodeError: getMessage: the 200 answer does not match the contract: /)

      const out = mkdtempSync(join(tmpdir(), "convore-cli-"))
      writeFileSync(join(out, "cnv_01hrakb5sd3f4g5h6j7k8m9n0p.ndjson.checkpoint.json"), "not a checkpoint")
      const stopped = yield* convore(url, ["export", "cnv_01hrakb5sd3f4g5h6j7k8m9n0p", "--out", out])
      expect(stopped.code).toBe(8)
      expect(stopped.stderr).toMatch(/^cnv_01hrakb5sd3f4g5h6j7k8m9n0p: ExportError: .*is not a checkpoint/)
    }).pipe(Effect.provide(server()), Effect.scoped))

  it.live("a server failing past the retries exits 6 with try-later advice", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const run = yield* convore(url, ["get", "msg_1", "--max-retries", "1"])
      expect(run.code).toBe(6)
      expect(run.stderr).toMatch(/^ServerError: 503 .*\(retries ran out: try again later, or raise --max-retries/)
    }).pipe(Effect.provide(server({ faults: { failureRate: 1, retryAfter: 0 } }))))
})

describe("convore --help", { timeout: 120_000 }, () => {
  const esc = "\u001b"

  it.live("piped (NO_COLOR set or not): no colour, the usage from `convore`, each option by its own words, 80 columns", () =>
    Effect.gen(function*() {
      const runs = yield* Effect.forEach(
        [["export", "--help"], ["export", "-h"], ["send", "--help"], ["--help"], []],
        (args) => convore("http://127.0.0.1:1", args, { env: { NO_COLOR: undefined } }),
        { concurrency: 3 }
      )
      const [exportHelp, short] = runs
      expect(short).toEqual(exportHelp)
      expect(exportHelp!.stdout).toMatch(/^\$ convore export \[--base-url text\]/m)
      expect(exportHelp!.stdout).toContain("the directory the files go to (made if missing)")
      for (const run of runs) {
        expect(run).toMatchObject({ code: 0, stderr: "" })
        expect(run.stdout).not.toContain(esc)
        expect(run.stdout).not.toContain("A user-defined piece of text.")
        expect(run.stdout).not.toMatch(/^\$ (export|import|list|get|send)\b/m)
        expect(run.stdout.split("\n").filter((line) => line.length > 80)).toEqual([])
      }
      // the root lists the commands, one line each, and the exit codes
      const root = runs[3]!
      expect(runs[4]).toEqual(root)
      expect(root.stdout).toMatch(/^ {2}export {2,}Export conversations to NDJSON files/m)
      expect(root.stdout).toMatch(/^ {2}3 {2}the key is missing, wrong or not allowed \(Unauthorized, Forbidden\)$/m)
      const withNoColor = yield* convore("http://127.0.0.1:1", ["export", "--help"], { env: { NO_COLOR: "1" } })
      expect(withNoColor).toEqual(exportHelp)
    }))

  it.live("import --help shows a line of an import file, which imports as it is", () =>
    Effect.gen(function*() {
      const { url } = yield* MockServer
      const help = yield* convore(url, ["import", "--help"])
      expect(help.stdout.split("\n")).toContain(`  ${exampleLine}`)
      expect(Schema.decodeUnknownEither(ImportMessageRequest)(JSON.parse(exampleLine))._tag).toBe("Right")
      expect(readFileSync(join(root, "packages/cli/README.md"), "utf8")).toContain(`\n${exampleLine}\n`)
      const dir = mkdtempSync(join(tmpdir(), "convore-cli-"))
      writeFileSync(join(dir, "example.ndjson"), `${exampleLine}\n`)
      const run = yield* convore(url, ["import", join(dir, "example.ndjson")])
      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/: 1 imported, 0 rejected, 0 blank, in /)
      expect(existsSync(join(dir, "example.rejects.ndjson"))).toBe(false)
    }).pipe(Effect.provide(server())))
})
