import { describe, expect, it } from "@effect/vitest"
import { Array as Arr, Effect } from "effect"
import { execFileSync, spawn } from "node:child_process"
import { fileURLToPath } from "node:url"
import { Fixtures } from "../src/index.js"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = fileURLToPath(new URL("../src/bin/mock-server.ts", import.meta.url))

/**
 * Starts the `convore-mock-server` bin's program with `args` (and `env` added to the environment); resolves on
 * its exit with what it printed. `printed` resolves with its stdout once that matches `pattern`.
 */
const start = (args: ReadonlyArray<string>, env: Record<string, string> = {}) => {
  const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], {
    cwd: root,
    stdio: "pipe",
    env: { ...process.env, ...env }
  })
  let stdout = ""
  let stderr = ""
  child.stdout.on("data", (chunk) => (stdout += chunk))
  child.stderr.on("data", (chunk) => (stderr += chunk))
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr }))
  )
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on("data", () => {
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout)
      if (match !== null) resolve(match[1]!)
    })
    child.on("exit", () => reject(new Error(`exited before listening: ${stderr}`)))
  })
  listening.catch(() => {}) // a start that is meant to fail is awaited through `exited`
  const printed = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const check = () => pattern.test(stdout) && resolve(stdout)
      check()
      child.stdout.on("data", check)
      child.on("exit", () => reject(new Error(`exited before printing ${pattern}: ${stdout}${stderr}`)))
    })
  return { child, exited, listening, printed }
}

/** Starts the bin, waits for everything it prints at start (up to its command to try), and stops it. */
const banner = async (args: ReadonlyArray<string>, env: Record<string, string> = {}, end = /list cnv_\w+\n/) => {
  const server = start(args, env)
  const url = await server.listening
  const stdout = await server.printed(end)
  server.child.kill("SIGTERM")
  await server.exited
  return { url, lines: stdout.split("\n") }
}

describe("convore-mock-server", () => {
  it.live(
    "prints where it listens once it accepts connections, serves the fixtures, and stops on SIGTERM",
    () =>
      Effect.promise(async () => {
        const server = start(["--port", "0", "--api-key", "sk_cli"])
        const url = await server.listening
        const response = await fetch(`${url}/v1/messages?limit=3`, { headers: { authorization: "Bearer sk_cli" } })
        const page = await response.json() as { data: Array<unknown>; next_cursor: string }
        server.child.kill("SIGTERM")
        const { code } = await server.exited
        expect(response.status).toBe(200)
        expect(page.data).toHaveLength(3)
        expect(code).toBe(0)
      }),
    30_000
  )

  it.live(
    "answers CORS preflights by default, so a page in a browser can call it, and not with --no-cors",
    () =>
      Effect.promise(async () => {
        const preflight = (url: string) =>
          fetch(`${url}/v1/messages`, {
            method: "OPTIONS",
            headers: {
              origin: "http://localhost:5173",
              "access-control-request-method": "POST",
              "access-control-request-headers": "authorization,content-type,idempotency-key"
            }
          })
        const server = start(["--port", "0", "--api-key", "sk_cli", "--empty"])
        const url = await server.listening
        const allowed = await preflight(url)
        const listed = await fetch(`${url}/v1/messages`, {
          headers: { authorization: "Bearer sk_cli", origin: "http://localhost:5173" }
        })
        server.child.kill("SIGTERM")
        await server.exited
        expect(allowed.status).toBe(204)
        expect(allowed.headers.get("access-control-allow-origin")).toBe("*")
        expect(allowed.headers.get("access-control-allow-headers")).toContain("idempotency-key")
        expect(listed.headers.get("access-control-allow-origin")).toBe("*")
        expect(listed.headers.get("access-control-expose-headers")).toContain("x-request-id")

        const closed = start(["--port", "0", "--api-key", "sk_cli", "--empty", "--no-cors"])
        const refused = await preflight(await closed.listening)
        closed.child.kill("SIGTERM")
        await closed.exited
        expect(refused.headers.get("access-control-allow-origin")).toBeNull()
      }),
    30_000
  )

  it.live(
    "names the fixture conversations and a command to try, after the `listening on` line scripts wait for",
    () =>
      Effect.promise(async () => {
        const server = start(["--port", "0", "--api-key", "sk_cli"])
        const url = await server.listening
        const lines = (await server.printed(/list cnv_\w+\n/)).split("\n")
        const listed = lines.flatMap((line) => {
          const row = /^ {2}(cnv_\w+) +(\d+) messages /.exec(line)
          return row === null ? [] : [[row[1]!, Number(row[2])] as const]
        })
        const served = await Promise.all(
          listed.map(([id]) =>
            fetch(`${url}/v1/messages?conversation_id=${id}`, { headers: { authorization: "Bearer sk_cli" } })
              .then((response) => response.json() as Promise<{ data: Array<unknown> }>)
              .then((page) => [id, page.data.length] as const)
          )
        )
        server.child.kill("SIGTERM")
        await server.exited
        expect(lines[0]).toBe(`listening on ${url}`)
        // what `sed -n 's/^listening on //p'` reads: the address, and nothing else
        expect(lines.flatMap((line) => line.startsWith("listening on ") ? [line.slice(13)] : [])).toEqual([url])
        const fixtures = Arr.dedupe(Fixtures.conversations.map((message) => message.conversation_id))
        expect(fixtures).toHaveLength(3)
        expect(listed.map(([id]) => id)).toEqual(fixtures)
        expect(served).toEqual(listed)
        // the key given with --api-key is the mock server's own dev key: shown, so that the line pastes as it is
        expect(lines).toContain(`  CONVORE_BASE_URL=${url} CONVORE_API_KEY=sk_cli npx @convore/cli list ${fixtures[0]}`)
      }),
    30_000
  )

  it.live(
    "quotes the command's key for the shell, never prints a key taken from CONVORE_API_KEY, and says when it is empty",
    () =>
      Effect.promise(async () => {
        const key = `k'ey"$HOME;\\*`
        const [quoted, fromEnvironment, empty] = await Promise.all([
          banner(["--port", "0", "--api-key", key]),
          banner(["--port", "0"], { CONVORE_API_KEY: "sk_live_from_the_environment" }),
          banner(["--port", "0", "--api-key", "dev", "--empty"], {}, /started with --empty\)\n/)
        ])
        const command = quoted.lines.find((line) => line.includes("npx @convore/cli list"))!
        const variables = command.slice(0, command.indexOf(" npx @convore/cli list")).trim()
        expect(execFileSync("sh", ["-c", `${variables} printenv CONVORE_API_KEY`], { encoding: "utf8" })).toBe(
          `${key}\n`
        )
        expect(execFileSync("sh", ["-c", `${variables} printenv CONVORE_BASE_URL`], { encoding: "utf8" })).toBe(
          `${quoted.url}\n`
        )
        expect(fromEnvironment.lines.join("\n")).not.toContain("sk_live_from_the_environment")
        expect(fromEnvironment.lines).toContain("try, in another terminal with the same CONVORE_API_KEY:")
        expect(fromEnvironment.lines).toContain(
          `  CONVORE_BASE_URL=${fromEnvironment.url} npx @convore/cli list ${
            Fixtures.supportThread[0]!.conversation_id
          }`
        )
        expect(empty.lines.slice(0, 2)).toEqual([
          `listening on ${empty.url}`,
          "conversations: none (started with --empty)"
        ])
      }),
    60_000
  )

  it.live("stops cleanly on SIGINT", () =>
    Effect.promise(async () => {
      const server = start(["--port", "0", "--api-key", "sk_cli", "--empty"])
      await server.listening
      server.child.kill("SIGINT")
      expect((await server.exited).code).toBe(0)
    }), 30_000)

  it.live.each(["--bogus", "--port http", "--port", "--failure-rate 2 --api-key k"])(
    "answers `%s` with the usage and exit code 2",
    (flags) =>
      Effect.promise(async () => {
        const { code, stderr } = await start(flags.split(" ")).exited
        expect(code).toBe(2)
        expect(stderr).toContain("usage: convore-mock-server --port N --api-key KEY")
      }),
    30_000
  )
})
