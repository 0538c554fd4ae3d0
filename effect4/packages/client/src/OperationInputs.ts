/**
 * Each operation's input checked against the contract and encoded to its wire
 * form, or refused with `InvalidRequest` naming the operation and the problem.
 * `MessagesApi.fromOperations` checks every implementation's input with these
 * (HTTP, in-memory, a user's stub), so bad input gets the same error wherever
 * it is sent; the HTTP implementation encodes its bodies with them too.
 */
import {
  describeIssue,
  firstIssue,
  IdempotencyKey,
  ImportMessageRequest,
  InvalidRequest,
  ListMessagesParams,
  PathId,
  SendMessageRequest,
  UpdateMessageRequest
} from "@convore/core"
import { Result, Schema } from "effect"
import type { CreateOptions } from "./ClientOptions.js"

/**
 * Encodes `input` with `schema`, or answers `InvalidRequest` naming
 * `operation` and `what` was wrong (the refused value reported, so the
 * message can name it).
 */
const checker = <A, I>(schema: Schema.Codec<A, I>, operation: string, what: string) => {
  const encode = Schema.encodeUnknownResult(schema, { reportInput: true })
  return (input: unknown): Result.Result<I, InvalidRequest> =>
    Result.mapError(encode(input), (error) => {
      const issue = firstIssue(error)
      return new InvalidRequest({
        message: `${operation}: invalid ${what}: ${describeIssue(issue)}`,
        path: issue.path === "" ? what : `${what}.${issue.path}`,
        operation
      })
    })
}

const idempotencyKey = (operation: string) => {
  const check = checker(IdempotencyKey, operation, "idempotencyKey")
  /**
   * The caller's key, checked, or a fresh UUID. Called when the operation is
   * called, not when its effect runs, so running the effect again
   * (`Effect.retry`) repeats the same logical call with the same key.
   */
  return (options: CreateOptions | undefined): Result.Result<string, InvalidRequest> =>
    options?.idempotencyKey === undefined ? Result.succeed(crypto.randomUUID()) : check(options.idempotencyKey)
}

/** `getMessage`'s and `updateMessage`'s message id. */
export const getMessageId = checker(PathId, "getMessage", "messageId")
/** `listMessages`' parameters. */
export const listParams = checker(ListMessagesParams, "listMessages", "params")
/** `sendMessage`'s body. */
export const sendRequest = checker(SendMessageRequest, "sendMessage", "request")
/** `sendMessage`'s idempotency key. */
export const sendIdempotencyKey = idempotencyKey("sendMessage")
/** `importMessage`'s body. */
export const importRequest = checker(ImportMessageRequest, "importMessage", "request")
/** `importMessage`'s idempotency key. */
export const importIdempotencyKey = idempotencyKey("importMessage")
/** `updateMessage`'s message id. */
export const updateMessageId = checker(PathId, "updateMessage", "messageId")
/** `updateMessage`'s body. */
export const updateRequest = checker(UpdateMessageRequest, "updateMessage", "request")
