import { NodeHttpClient } from "@effect/platform-node"
import { Effect, type Layer } from "effect"
import { FetchHttpClient, type HttpClient } from "effect/http"
import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import type { AddressInfo } from "node:net"

/** The platform's transports every real-socket test runs over. */
export const transports: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["FetchHttpClient", FetchHttpClient.layer],
  ["NodeHttpClient (undici)", NodeHttpClient.layerUndici]
]

/** A real server on an ephemeral port, and what it saw of its sockets. */
export interface Listening {
  readonly url: string
  /** Requests received so far. */
  readonly requests: () => number
  /** Sockets accepted so far. */
  readonly connections: () => number
  /** Sockets accepted and not yet closed. */
  readonly open: () => number
  /** Answers once every socket the server accepted is closed. */
  readonly allClosed: Effect.Effect<void>
  readonly close: () => void
}

/** A server answering with `handler` on 127.0.0.1, closed (every socket with it) with the scope. */
export const listen = (handler: (request: IncomingMessage, response: ServerResponse) => void) =>
  Effect.acquireRelease(
    Effect.callback<Listening>((resume) => {
      let requests = 0
      let connections = 0
      let closed = 0
      const waiting: Array<() => void> = []
      const server = createServer((request, response) => {
        requests++
        response.on("error", () => undefined)
        handler(request, response)
      })
      server.on("connection", (socket) => {
        connections++
        socket.on("close", () => {
          closed++
          waiting.splice(0).forEach((wake) => wake())
        })
      })
      server.listen(0, "127.0.0.1", () =>
        resume(Effect.succeed({
          url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
          requests: () => requests,
          connections: () => connections,
          open: () => connections - closed,
          allClosed: Effect.callback<void>((wake) => {
            const check = () => closed >= connections ? wake(Effect.void) : void waiting.push(check)
            check()
          }),
          close: () => {
            server.closeAllConnections()
            server.close()
          }
        })))
    }),
    ({ close }) => Effect.sync(close)
  )

/** Writes `total` bytes of spaces without a Content-Length, as fast as the client reads them; counts what it wrote. */
export const endless = (total: number) => {
  const state = { written: 0 }
  const handler = (_: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { "content-type": "application/json" })
    const chunk = Buffer.alloc(64 * 1024, " ")
    const write = () => {
      while (state.written < total) {
        state.written += chunk.length
        if (!response.write(chunk)) return void response.once("drain", write)
      }
      response.end()
    }
    write()
  }
  return { state, handler }
}
