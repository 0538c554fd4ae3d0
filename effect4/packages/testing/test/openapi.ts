import Ajv2020 from "ajv/dist/2020.js"
import { Effect } from "effect"
import { HttpClient, type HttpClientResponse } from "effect/http"
import { readFileSync } from "node:fs"
import { parse } from "yaml"

/**
 * The contract the mock server answers by: the one file both lines keep, in
 * the Effect 3 line's package (`packages/testing/contract/openapi.yaml`).
 */
export const openapiPath = new URL("../../../../packages/testing/contract/openapi.yaml", import.meta.url)

const document = parse(readFileSync(openapiPath, "utf8"))
const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: false })
ajv.addSchema({ $id: "openapi", components: document.components })
const validatorOf = (name: string) => {
  const validate = ajv.getSchema(`openapi#/components/schemas/${name}`)
  if (validate === undefined) throw new Error(`openapi.yaml has no schema ${name}`)
  return validate
}
const schemas = {
  Message: validatorOf("Message"),
  PageMessage: validatorOf("PageMessage"),
  Problem: validatorOf("Problem")
}

/** Which schema of openapi.yaml a response to `method path` with `status` must follow. */
const schemaFor = (method: string, url: URL, status: number): keyof typeof schemas =>
  status >= 400 ? "Problem" : method === "GET" && url.pathname === "/v1/messages" ? "PageMessage" : "Message"

/**
 * Checks every response against openapi.yaml (status, content type, body
 * schema, `X-Request-Id`), dying with what differs: wrap a client with it and
 * the server cannot drift from the contract unnoticed.
 */
export const checkAgainstOpenApi = (client: HttpClient.HttpClient): HttpClient.HttpClient =>
  HttpClient.tap(client, (response: HttpClientResponse.HttpClientResponse) =>
    Effect.gen(function*() {
      const url = new URL(response.request.url)
      const where = `${response.request.method} ${url.pathname}${url.search} → ${response.status}`
      const text = yield* Effect.orDie(response.text)
      const name = schemaFor(response.request.method, url, response.status)
      const contentType = response.headers["content-type"] ?? ""
      const expectedType = name === "Problem" ? "application/problem+json" : "application/json"
      const problems: Array<string> = []
      if (!contentType.startsWith(expectedType)) problems.push(`content-type ${contentType}, not ${expectedType}`)
      if (response.headers["x-request-id"] === undefined) problems.push("no X-Request-Id")
      const validate = schemas[name]
      if (!validate(JSON.parse(text))) problems.push(ajv.errorsText(validate.errors, { dataVar: name }))
      if (problems.length > 0) {
        return yield* Effect.die(new Error(`contract violation: ${where}: ${problems.join("; ")}`))
      }
    }))
