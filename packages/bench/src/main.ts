/**
 * `pnpm bench`: this client against the floor and its peers, on the same
 * pages from a neutral server in its own process, in interleaved rounds of
 * the same run. Prints a table per scenario (median, spread, ratio to the
 * floor) and whether each target is met. The targets are judged on Node 24
 * (`pnpm bench` runs itself there, fetched with `npx -y node@24`; `--here`
 * runs on this machine's Node and judges nothing), over the transport we
 * recommend on Node (`UndiciHttpClient`), with fetch and the platform's
 * `NodeHttpClient.layerUndici` beside it; the bare Effect
 * `HttpClient` is shown to say where the time goes. `pnpm bench --quick`
 * runs every scenario small and once, as a smoke test, and judges no target.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { type Client, type ClientName, load, loaders } from "./clients/index.js"

const quick = process.argv.includes("--quick")
const judgedNode = "24.21.0"
const onJudgedNode = process.versions.node === judgedNode

if (!onJudgedNode && !quick && !process.argv.includes("--here")) {
  // the targets are judged on Node 24 (Node 20 is past its end of life): run there
  const child = spawn("npx", ["-y", `node@${judgedNode}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit"
  })
  process.exit(await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1))))
}
const judging = !quick && onJudgedNode
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
const convorePlatformUndici = named("… over layerUndici")
const fetchZod = named("fetch + zod 4")
/** This client's ratios to the floor over undici and over fetch. */
const ratios = (results: Map<Client, Stats>) => {
  const ratio = (client: Client) => results.get(client)!.median / results.get(floor)!.median
  return {
    undici: ratio(convoreUndici),
    fetch: ratio(convore),
    measured: `over undici ${ratio(convoreUndici).toFixed(2)}×, over fetch ${
      ratio(convore).toFixed(2)
    }× (over layerUndici ${ratio(convorePlatformUndici).toFixed(2)}×)`
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
  target("streamMessages ≤ 1.20× the floor over undici", streamRatio.undici <= 1.2, streamRatio.measured)
  target("streamMessages ≤ 1.40× the floor over fetch", streamRatio.fetch <= 1.4, streamRatio.measured)
  target(
    "streamMessages over undici faster than fetch + zod",
    stream.get(convoreUndici)!.median < stream.get(fetchZod)!.median,
    `${millis(stream.get(convoreUndici)!.median)} vs ${millis(stream.get(fetchZod)!.median)}`
  )

  // 2. sequential getMessage
  const gets = await interleaved(clients, sizes.rounds, (client) => client.getMany(streamUrl, sizes.gets))
  table(`${sizes.gets.toLocaleString("en")} sequential getMessage`, gets, millis)
  const getRatio = ratios(gets)
  target("getMessage ≤ 1.15× the floor over undici", getRatio.undici <= 1.15, getRatio.measured)
  target("getMessage ≤ 1.50× the floor over fetch", getRatio.fetch <= 1.5, getRatio.measured)

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
  const peak = Math.max(...rss.get(convoreUndici)!)
  const exportRatio = exports.get(convoreUndici)!.median / exports.get(floor)!.median
  const overFetch = exports.get(convore)!.median / exports.get(floor)!.median
  target(
    "export within 1.3× the floor's time, over undici",
    exportRatio <= 1.3,
    `${exportRatio.toFixed(2)}× (over fetch ${overFetch.toFixed(2)}×)`
  )
  target(
    "export peak RSS ≤ 150 MB, over undici",
    peak <= 150,
    `${peak.toFixed(0)} MB (over fetch ${Math.max(...rss.get(convore)!).toFixed(0)} MB, the floor ${
      Math.max(...rss.get(floor)!).toFixed(0)
    } MB)`
  )

  // 4. paging with server latency: prefetch should hide the client's work
  const latencyUrl = `${server.origin}/s/${sizes.latencyPages}/${latencyMs}`
  const latency = await interleaved(clients, Math.min(sizes.rounds, 3), (client) => client.stream(latencyUrl))
  const ideal = sizes.latencyPages * latencyMs
  table(
    `${sizes.latencyPages} pages with ${latencyMs} ms latency each (pages × latency = ${ideal} ms)`,
    latency,
    millis
  )
  // pages are sequential by nature (page n+1's cursor comes with page n): the floor is the mark, not pages × latency
  const latencyRatio = latency.get(convoreUndici)!.median / latency.get(floor)!.median
  target(
    "paging with latency within 1.02× the floor, over undici",
    latencyRatio <= 1.02,
    `${latencyRatio.toFixed(3)}× (the floor: ${(latency.get(floor)!.median / ideal).toFixed(2)}× pages × latency)`
  )

  console.log(
    `\ntargets${
      quick
        ? " (quick mode: sizes too small to judge, shown for information)"
        : judging
        ? ` (judged on node ${judgedNode})`
        : ` (judged on node ${judgedNode} only: shown for information)`
    }`
  )
  for (const { measured, met, name } of targets) {
    console.log(`  ${!judging ? "·" : met ? "met    " : "NOT MET"} ${name}: ${measured}`)
  }
} finally {
  server.stop()
  rmSync(tmp, { recursive: true, force: true })
}
