/**
 * A CommonJS program: `require()` of the ESM-only packages (Node 20.19+,
 * 22.12+), using them with effect as a CommonJS program loads it.
 */
const assert = require("node:assert/strict")
const { MessagesApi } = require("@convore/client")
const { NotFound } = require("@convore/core")
const { InMemoryMessagesApi } = require("@convore/testing")
const { Effect } = require("effect")

const program = Effect.gen(function*() {
  const api = yield* MessagesApi
  const sent = yield* api.sendMessage({ channel_id: "chnnl_cjs", to: ["ada@example.com"], body: "Hi" })
  const again = yield* api.getMessage(sent.id)
  const missing = yield* api.getMessage("msg_missing").pipe(
    Effect.catchTag("NotFound", (error) => Effect.succeed(error))
  )
  return { sent, again, missing }
})

Effect.runPromise(Effect.provide(program, InMemoryMessagesApi.layer())).then(({ sent, again, missing }) => {
  assert.equal(again.id, sent.id)
  assert.ok(missing instanceof NotFound)
  console.log("require(): the in-memory layer answered and NotFound was caught by tag")
})
