/**
 * `convore` driven as a process, the way a person or a script runs it,
 * against the mock server with faults on: exports and imports killed and
 * rerun, a closed pipe, and the one-line errors with their exit codes.
 * Nothing here waits on a clock: kills are triggered by what the command
 * prints.
 */
import type { Message } from "@convore/core"
import { Fixtures, MockServer, type MockServerOptions } from "@convore/testing"
import { describe, expect, it } from "@effect/vitest"
import { DateTime, Effect } from "effect"
import { spawn } from "node:child_process"
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

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
 * feeding `stdin`; `stopWhen` sees stdout as it grows and may kill the
 * process (`"kill"`) or close its stdout as a reader leaving a pipe does
 * (`"close"`).
 */
const convore = (
  url: string,
  args: ReadonlyArray<string>,
  options: {
    readonly stdin?: string
    readonly stopWhen?: (stdout: string) => "kill" | "close" | undefined
  } = {}
) =>
  Effect.async<Run>((resume) => {
    const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
      cwd: root,
      env: { ...process.env, CONVORE_BASE_URL: url, CONVORE_API_KEY: apiKey, NO_COLOR: "1" }
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
      const sent = yield* convore(
        url,
        ["send", "--channel", "chnnl_01hrak3jpaefnvk899sya9crzd", "--to", "b@x.example"],
        {
          stdin: "Hello from stdin\n"
        }
      )
      expect(sent.code).toBe(0)
      const message = JSON.parse(sent.stdout)
      expect(message.body).toBe("Hello from stdin\n")
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
        [["export", "cnv_1", "--out", "/tmp", "--concurrency", "0"], 2, /--concurrency must be 1 or more/]
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
