/**
 * `pnpm bench`: this client against the floor and its peers, on the same
 * pages from a neutral server in its own process, in interleaved rounds of
 * the same run. Prints a table per scenario (median, spread, ratio to the
 * floor) and whether each target is met. The targets are judged on this
 * client over fetch, the floor's own transport; the same client over undici,
 * and the bare Effect `HttpClient`, are shown beside it to say where the time
 * goes. `pnpm bench --quick` runs every scenario small and once, as a smoke
 * test, and judges no target.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { type Client, type ClientName, load, loaders } from "./clients/index.js"

const quick = process.argv.includes("--quick")
const sizes = quick
  ? { streamPages: 20, gets: 100, exportPages: 50, latencyPages: 10, rounds: 1, exportRounds: 1 }
  : { streamPages: 1_000, gets: 2_000, exportPages: 10_000, latencyPages: 200, rounds: 5, exportRounds: 2 }
const latencyMs = 20

/** Starts the neutral server process; answers its base address and a stop function. */
const startServer = async () => {
  const child = spawn(process.execPath, [fileURLToPath(new URL("./server.mjs", import.meta.url))], {
    stdio: ["ignore", "pipe", "inherit"]
  })
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve))
  const { port } = JSON.parse(line) as { port: number }
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill("SIGTERM") }
}

interface Stats {
  readonly median: number
  readonly min: number
  readonly max: number
}
const stats = (samples: ReadonlyArray<number>): Stats => {
  const sorted = [...samples].sort((a, b) => a - b)
  const middle = sorted.length / 2
  const median = sorted.length % 2 === 1
    ? sorted[Math.floor(middle)]!
    : (sorted[middle - 1]! + sorted[middle]!) / 2
  return { median, min: sorted[0]!, max: sorted[sorted.length - 1]! }
}

/** Runs `run` for each client, round after round, interleaved; answers each client's samples in ms. */
const interleaved = async (
  participants: ReadonlyArray<Client>,
  rounds: number,
  run: (client: Client) => Promise<number | void>
) => {
  const samples = new Map(participants.map((client) => [client, [] as Array<number>]))
  for (const client of participants) await run(client) // warm-up, not counted
  for (let round = 0; round < rounds; round++) {
    for (const client of participants) {
      const start = performance.now()
      await run(client)
      samples.get(client)!.push(performance.now() - start)
    }
  }
  return new Map([...samples].map(([client, values]) => [client, stats(values)]))
}

const table = (title: string, results: Map<Client, Stats>, unit: (ms: number) => string) => {
  const floorMedian = results.get(floor)?.median
  console.log(`\n${title}`)
  console.log(
    `  ${"client".padEnd(28)} ${"median".padStart(10)} ${"spread (min–max)".padStart(22)} ${"× floor".padStart(8)}`
  )
  for (const [client, s] of results) {
    const ratio = floorMedian === undefined ? "" : (s.median / floorMedian).toFixed(2)
    console.log(
      `  ${client.name.padEnd(28)} ${unit(s.median).padStart(10)} ${`${unit(s.min)}–${unit(s.max)}`.padStart(22)} ${
        ratio.padStart(8)
      }`
    )
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const millis = (ms: number) => `${ms.toFixed(0)} ms`

const targets: Array<{ readonly name: string; readonly met: boolean; readonly measured: string }> = []
const target = (name: string, met: boolean, measured: string) => targets.push({ name, met, measured })

const clients = await Promise.all((Object.keys(loaders) as Array<ClientName>).map(load))
const named = (name: ClientName) => clients.find((client) => client.name === name)!
const floor = named("fetch + JSON.parse (floor)")
const convore = named("@convore/client")
const convoreUndici = named("@convore/client over undici")
const fetchZod = named("fetch + zod 4")
/** This client's ratio to the floor over fetch (the one judged), with its ratio over undici beside it. */
const ratios = (results: Map<Client, Stats>) => {
  const ratio = (client: Client) => results.get(client)!.median / results.get(floor)!.median
  return {
    ratio: ratio(convore),
    measured: `${ratio(convore).toFixed(2)}× (over undici: ${ratio(convoreUndici).toFixed(2)}×)`
  }
}
const server = await startServer()
const tmp = mkdtempSync(join(tmpdir(), "convore-bench-"))
try {
  console.log(
    `pnpm bench${quick ? " --quick" : ""}: node ${process.version}, ${cpus().length} × ${
      cpus()[0]?.model.trim()
    }; ${sizes.rounds} interleaved round(s) after a warm-up; pages of 100 full messages`
  )

  // 1. stream every message of a listing
  const streamUrl = `${server.origin}/s/${sizes.streamPages}/0`
  const expected = sizes.streamPages * 100
  const stream = await interleaved(clients, sizes.rounds, async (client) => {
    const count = await client.stream(streamUrl)
    if (count !== expected) throw new Error(`${client.name} read ${count} messages, not ${expected}`)
  })
  table(`stream ${expected.toLocaleString("en")} messages (${sizes.streamPages} pages)`, stream, seconds)
  const streamRatio = ratios(stream)
  target("streamMessages within 1.3× the floor", streamRatio.ratio <= 1.3, streamRatio.measured)
  target(
    "streamMessages faster than fetch + zod",
    stream.get(convore)!.median < stream.get(fetchZod)!.median,
    `${millis(stream.get(convore)!.median)} vs ${millis(stream.get(fetchZod)!.median)}`
  )

  // 2. sequential getMessage
  const gets = await interleaved(clients, sizes.rounds, (client) => client.getMany(streamUrl, sizes.gets))
  table(`${sizes.gets.toLocaleString("en")} sequential getMessage`, gets, millis)
  const getRatio = ratios(gets)
  target("getMessage within 1.3× the floor", getRatio.ratio <= 1.3, getRatio.measured)

  // 3. export to a file, each run in a process of its own for its peak RSS
  const exportUrl = `${server.origin}/s/${sizes.exportPages}/0`
  const exporters = clients.filter((client) => client.exportTo !== undefined)
  const rss = new Map<Client, Array<number>>(exporters.map((client) => [client, []]))
  const exportChild = (client: Client) =>
    new Promise<void>((resolve, reject) => {
      const path = join(tmp, `${client.name.replace(/\W+/g, "-")}-${Math.random()}.ndjson`)
      const child = spawn(process.execPath, [
        fileURLToPath(new URL("./export-child.mjs", import.meta.url)),
        client.name,
        exportUrl,
        path
      ], { stdio: ["ignore", "pipe", "inherit"] })
      let output = ""
      child.stdout.on("data", (chunk) => (output += chunk))
      child.on("exit", (code) => {
        rmSync(path, { force: true })
        rmSync(`${path}.checkpoint.json`, { force: true })
        if (code !== 0) return reject(new Error(`${client.name}'s export exited with ${code}`))
        const result = JSON.parse(output) as { messages: number; peakRssMb: number }
        if (result.messages !== sizes.exportPages * 100) {
          return reject(new Error(`${client.name} exported ${result.messages} messages`))
        }
        rss.get(client)!.push(result.peakRssMb)
        resolve()
      })
    })
  const exports = await interleaved(exporters, sizes.exportRounds, exportChild)
  table(
    `export ${(sizes.exportPages * 100).toLocaleString("en")} messages to NDJSON (process start included)`,
    exports,
    seconds
  )
  console.log(`  peak RSS: ${exporters.map((c) => `${c.name} ${Math.max(...rss.get(c)!).toFixed(0)} MB`).join(", ")}`)
  const peak = Math.max(...rss.get(convore)!)
  target("1,000,000-message export peak RSS ≤ 150 MB", peak <= 150, `${peak.toFixed(0)} MB`)

  // 4. paging with server latency: prefetch should hide the client's work
  const latencyUrl = `${server.origin}/s/${sizes.latencyPages}/${latencyMs}`
  const latency = await interleaved(clients, Math.min(sizes.rounds, 3), (client) => client.stream(latencyUrl))
  const ideal = sizes.latencyPages * latencyMs
  table(
    `${sizes.latencyPages} pages with ${latencyMs} ms latency each (pages × latency = ${ideal} ms)`,
    latency,
    millis
  )
  const latencyRatio = latency.get(convore)!.median / ideal
  // the floor's own ratio says how much of the time is the server's and the network's, which no client can hide
  target(
    "paging with latency within 1.1× pages × latency",
    latencyRatio <= 1.1,
    `${latencyRatio.toFixed(2)}× (the floor: ${(latency.get(floor)!.median / ideal).toFixed(2)}×)`
  )

  console.log(`\ntargets${quick ? " (quick mode: sizes too small to judge, shown for information)" : ""}`)
  for (const { measured, met, name } of targets) {
    console.log(`  ${quick ? "·" : met ? "met    " : "NOT MET"} ${name}: ${measured}`)
  }
} finally {
  server.stop()
  rmSync(tmp, { recursive: true, force: true })
}
