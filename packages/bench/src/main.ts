/**
 * `pnpm bench`: this client against the floor (`fetch` + `JSON.parse`), the
 * Effect peer (the platform `HttpClient` decoding the same schemas, with none
 * of this client's retries, timeouts, spans or checks) and other peers, on
 * the same pages from a neutral server in its own process, in interleaved
 * rounds of the same run. This client runs on both lines, Effect 3 and
 * Effect 4 (effect4/bench, bundled from the Effect 4 workspace); each line's
 * client, and the Effect peer, run over their platform's two transports,
 * `NodeHttpClient.layerUndici` and `FetchHttpClient.layer`. Prints a table per scenario (median, spread,
 * ratio to the floor and, for this client, to the Effect peer or, on Effect 4,
 * to Effect 3 over the same transport), the Effect 4 line beside the Effect 3
 * one in every scenario, and each target's status with the same run's ratios
 * beside it.
 * The targets are judged on Node 24 (`pnpm bench` runs itself there, fetched
 * with `npx -y node@24`; `--here` runs on this machine's Node, 22.19 or later
 * as the Effect 4 line needs, and judges nothing). `pnpm bench --quick` runs
 * every scenario small and once, as a smoke test, and judges no target: on
 * this machine's Node when it runs the Effect 4 line, else on Node 24.
 */
import { spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { cpus, tmpdir } from "node:os"
import { join } from "node:path"
import { createInterface } from "node:readline"
import { fileURLToPath } from "node:url"
import { type Client, type ClientName, load, loaders } from "./clients/index.js"

const quick = process.argv.includes("--quick")
const here = process.argv.includes("--here")
const judgedNode = "24.21.0"
const onJudgedNode = process.versions.node === judgedNode
/** The Effect 4 line's clients need Node 22.19 or later, as `@effect/platform-node` 4 and undici 8 do. */
const [major = 0, minor = 0] = process.versions.node.split(".").map(Number)
const runsEffect4 = major > 22 || (major === 22 && minor >= 19)

if (here && !runsEffect4) {
  console.error(`pnpm bench --here: the Effect 4 line needs Node 22.19 or later, this is ${process.version}`)
  process.exit(1)
}
if (!onJudgedNode && !here && !(quick && runsEffect4)) {
  // the targets are judged on Node 24 (Node 20 is past its end of life), and the Effect 4 line needs 22.19+: run there
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

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`
const millis = (ms: number) => `${ms.toFixed(0)} ms`
const megabytes = (mb: number) => `${mb.toFixed(0)} MB`
const times = (ratio: number) => `${ratio.toFixed(2)}×`

const clients = await Promise.all((Object.keys(loaders) as Array<ClientName>).map(load))
const named = (name: ClientName) => clients.find((client) => client.name === name)!
const floor = named("fetch + JSON.parse (floor)")
/** This client and the Effect peer over each transport: the targets are judged over undici, fetch is read beside it. */
const ours = { undici: named("@convore/client over undici"), fetch: named("@convore/client over fetch") }
const peer = { undici: named("Effect peer over undici"), fetch: named("Effect peer over fetch") }
const peerOf = new Map([[ours.undici, peer.undici], [ours.fetch, peer.fetch]])
/** This client's Effect 4 line over each transport, read against the Effect 3 line over the same one. */
const ours4 = {
  undici: named("@convore/client (Effect 4) over undici"),
  fetch: named("@convore/client (Effect 4) over fetch")
}
const v3Of = new Map([[ours4.undici, ours.undici], [ours4.fetch, ours.fetch]])
const nameWidth = Math.max(...clients.map((client) => client.name.length))

const table = (title: string, results: Map<Client, Stats>, unit: (ms: number) => string) => {
  const ratio = (client: Client, to: Client | undefined) => {
    const base = to === undefined ? undefined : results.get(to)
    return base === undefined ? "" : times(results.get(client)!.median / base.median)
  }
  // the column to the Effect peer only where the peer ran; an Effect 4 row reads against Effect 3 there instead
  const withPeer = [...peerOf.values()].some((client) => results.has(client))
  console.log(`\n${title}`)
  console.log(
    `  ${"client".padEnd(nameWidth)} ${"median".padStart(10)} ${"spread (min–max)".padStart(22)} ${
      "× floor".padStart(8)
    }${withPeer ? ` ${"× peer/v3".padStart(9)}` : ""}`
  )
  for (const [client, s] of results) {
    console.log(
      `  ${client.name.padEnd(nameWidth)} ${unit(s.median).padStart(10)} ${
        `${unit(s.min)}–${unit(s.max)}`.padStart(22)
      } ${ratio(client, floor).padStart(8)}${
        withPeer ? ` ${ratio(client, peerOf.get(client) ?? v3Of.get(client)).padStart(9)}` : ""
      }`
    )
  }
}

interface Target {
  readonly name: string
  readonly limit: number
  readonly measured: number
  /** The same run's ratios that say what the measured one means. */
  readonly beside: string
}
const targets: Array<Target> = []

/** The median of `a` over the median of `b`, in `results`. */
const medianRatio = (results: Map<Client, Stats>, a: Client, b: Client) =>
  results.get(a)!.median / results.get(b)!.median

/** The Effect 4 line over the Effect 3 line in each scenario, over each transport, shown for information. */
const v3ToV4: Array<{ readonly scenario: string; readonly undici: number; readonly fetch: number }> = []
const compareLines = (scenario: string, ratio: (v4: Client, v3: Client) => number) =>
  v3ToV4.push({ scenario, undici: ratio(ours4.undici, ours.undici), fetch: ratio(ours4.fetch, ours.fetch) })

/** Adds the targets of a timed operation: against the Effect peer over undici, and the floor over each transport. */
const judgeTimes = (
  operation: string,
  results: Map<Client, Stats>,
  limits: { readonly peer: number; readonly undici: number; readonly fetch: number }
) => {
  const ratio = (a: Client, b: Client) => medianRatio(results, a, b)
  targets.push(
    {
      name: `${operation} ≤ ${times(limits.peer)} the Effect peer, over undici`,
      limit: limits.peer,
      measured: ratio(ours.undici, peer.undici),
      beside: `over fetch ${times(ratio(ours.fetch, peer.fetch))}; over undici ours is ${
        times(ratio(ours.undici, floor))
      } the floor, the peer ${times(ratio(peer.undici, floor))}`
    },
    {
      name: `${operation} ≤ ${times(limits.undici)} the floor, over undici`,
      limit: limits.undici,
      measured: ratio(ours.undici, floor),
      beside: `the Effect peer over undici ${times(ratio(peer.undici, floor))}`
    },
    {
      name: `${operation} ≤ ${times(limits.fetch)} the floor, over fetch`,
      limit: limits.fetch,
      measured: ratio(ours.fetch, floor),
      beside: `the Effect peer over fetch ${times(ratio(peer.fetch, floor))}`
    }
  )
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
  judgeTimes("stream", stream, { peer: 0.6, undici: 1.1, fetch: 1.4 })
  compareLines("stream", (v4, v3) => medianRatio(stream, v4, v3))
  targets.push({
    name: "Effect 4 stream ≤ 1.20× the Effect 3 stream, over undici",
    limit: 1.2,
    measured: medianRatio(stream, ours4.undici, ours.undici),
    beside: `over fetch ${times(medianRatio(stream, ours4.fetch, ours.fetch))}; over undici Effect 4 is ${
      times(medianRatio(stream, ours4.undici, floor))
    } the floor, Effect 3 ${times(medianRatio(stream, ours.undici, floor))}`
  })

  // 2. sequential getMessage
  const gets = await interleaved(clients, sizes.rounds, (client) => client.getMany(streamUrl, sizes.gets))
  table(`${sizes.gets.toLocaleString("en")} sequential getMessage`, gets, millis)
  judgeTimes("getMessage", gets, { peer: 1, undici: 1.35, fetch: 1.6 })
  compareLines("getMessage", (v4, v3) => medianRatio(gets, v4, v3))

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
  // each client's peak is the highest of its rounds
  const peak = (client: Client) => Math.max(...rss.get(client)!)
  const peakRatio = (client: Client) => peak(client) / peak(floor)
  console.log(
    `  peak RSS: ${
      exporters.map((c) => `${c.name} ${megabytes(peak(c))}${c === floor ? "" : ` (${times(peakRatio(c))})`}`).join(
        ", "
      )
    }`
  )
  compareLines("export time", (v4, v3) => medianRatio(exports, v4, v3))
  compareLines("export peak RSS", (v4, v3) => peak(v4) / peak(v3))
  targets.push(
    {
      name: "export peak RSS ≤ 1.10× the floor's, over undici",
      limit: 1.1,
      measured: peakRatio(ours.undici),
      beside: `ours ${megabytes(peak(ours.undici))}, the floor ${megabytes(peak(floor))}; over fetch ${
        times(peakRatio(ours.fetch))
      }`
    },
    {
      name: "export time ≤ 1.30× the floor, over undici",
      limit: 1.3,
      measured: medianRatio(exports, ours.undici, floor),
      beside: `over fetch ${times(medianRatio(exports, ours.fetch, floor))}`
    }
  )

  // 4. paging with server latency, shown for information: pages are sequential by nature (page n+1's cursor comes
  // with page n), so what the table says is how far each client's work hides behind the server's
  const latencyUrl = `${server.origin}/s/${sizes.latencyPages}/${latencyMs}`
  const latency = await interleaved(clients, Math.min(sizes.rounds, 3), (client) => client.stream(latencyUrl))
  table(
    `${sizes.latencyPages} pages with ${latencyMs} ms latency each (pages × latency = ${
      sizes.latencyPages * latencyMs
    } ms)`,
    latency,
    millis
  )
  compareLines("paging with latency", (v4, v3) => medianRatio(latency, v4, v3))

  console.log(
    "\nEffect 4 beside Effect 3: @convore/client's Effect 4 line over its Effect 3 line (ratios of medians; of peaks for RSS)"
  )
  console.log(`  ${"scenario".padEnd(20)} ${"over undici".padStart(12)} ${"over fetch".padStart(12)}`)
  for (const { fetch, scenario, undici } of v3ToV4) {
    console.log(`  ${scenario.padEnd(20)} ${times(undici).padStart(12)} ${times(fetch).padStart(12)}`)
  }

  console.log(
    `\ntargets${
      quick
        ? " (quick mode: sizes too small to judge, shown for information)"
        : judging
        ? ` (judged on node ${judgedNode}, ratios of medians in this run)`
        : ` (judged on node ${judgedNode} only: shown for information)`
    }`
  )
  for (const { beside, limit, measured, name } of targets) {
    // the measured ratio to the precision that tells it from the limit
    const shown = measured.toFixed(2) === limit.toFixed(2) ? `${measured.toFixed(3)}×` : times(measured)
    console.log(`  ${!judging ? "·" : measured <= limit ? "✓" : "✗"} ${name}: ${shown} (${beside})`)
  }
} finally {
  server.stop()
  rmSync(tmp, { recursive: true, force: true })
}
