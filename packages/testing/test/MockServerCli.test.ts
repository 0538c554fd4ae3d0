import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { spawn } from "node:child_process"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("../../../", import.meta.url))
const bin = fileURLToPath(new URL("../src/bin/mock-server.ts", import.meta.url))

/** Starts the `convore-mock-server` bin's program with `args`; resolves on its exit with what it printed. */
const start = (args: ReadonlyArray<string>) => {
  const child = spawn(process.execPath, ["--import", "tsx", bin, ...args], { cwd: root, stdio: "pipe" })
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
  return { child, exited, listening }
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
