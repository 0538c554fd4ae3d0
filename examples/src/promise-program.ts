/**
 * From a Promise program: a plain `node:http` handler (no Effect in sight of
 * its callers) that reads messages through one `ManagedRuntime`, built once
 * when the process starts, and answers each typed error with a status of its
 * own.
 *
 * Run against any Convore API (or `pnpm mock-server --port 8080 --api-key dev`):
 *   CONVORE_BASE_URL=http://127.0.0.1:8080 CONVORE_API_KEY=dev npx tsx examples/src/promise-program.ts
 *   curl localhost:3000/messages/msg_01hr4bxdh000asrdr000wjgpr8
 */
import { MessagesApi } from "@convore/client"
import { isMessagesApiError, type MessagesApiError } from "@convore/core"
import { NodeHttpClient } from "@effect/platform-node"
import { Cause, type ConfigError, Effect, Layer, ManagedRuntime, Option, Runtime } from "effect"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { fileURLToPath } from "node:url"

/** A runtime that holds one `MessagesApi`: its connections and rate-limit pause are shared by every call. */
export type ConvoreRuntime = ManagedRuntime.ManagedRuntime<MessagesApi, ConfigError.ConfigError>

/** A failed `runPromise` rejects with a `FiberFailure`: this is the typed error inside it, if there is one. */
export const convoreError = (rejection: unknown): MessagesApiError | undefined =>
  Runtime.isFiberFailure(rejection)
    ? Option.getOrUndefined(
      Option.filter(Cause.failureOption(rejection[Runtime.FiberFailureCauseId]), isMessagesApiError)
    )
    : undefined

/** The status this service answers for an error of the API (or for a defect, `undefined`). */
const statusOf = (error: MessagesApiError | undefined): number => {
  switch (error?._tag) {
    case "NotFound":
      return 404
    case "InvalidRequest":
      return 400
    case undefined:
      return 500
    default:
      return 502
  }
}

/** `GET /messages/:id`: the message's id and subject as JSON, or the typed error's message with its status. */
export const handler = (runtime: ConvoreRuntime) => async (request: IncomingMessage, response: ServerResponse) => {
  const path = /^\/messages\/([^/?]+)$/.exec(request.url ?? "")
  if (request.method !== "GET" || path === null) {
    response.writeHead(404, { "content-type": "text/plain" }).end("try GET /messages/:id")
    return
  }
  try {
    const id = decodeURIComponent(path[1]!)
    const message = await runtime.runPromise(Effect.flatMap(MessagesApi, (api) => api.getMessage(id)))
    response.writeHead(200, { "content-type": "application/json" })
      .end(JSON.stringify({ id: message.id, subject: message.subject ?? null }))
  } catch (rejection) {
    const error = convoreError(rejection)
    response.writeHead(statusOf(error), { "content-type": "text/plain" })
      .end(error === undefined ? "internal error" : `${error._tag}: ${error.message}`)
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  // once per process; CONVORE_BASE_URL and CONVORE_API_KEY are read on the first call
  const runtime: ConvoreRuntime = ManagedRuntime.make(
    MessagesApi.layerConfig().pipe(Layer.provide(NodeHttpClient.layerUndici))
  )
  const server = createServer(handler(runtime)).listen(3000, () => console.log("on http://localhost:3000"))
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    // stop taking requests, then close the client's connections
    process.once(signal, () => server.close(() => void runtime.dispose()))
  }
}
