/**
 * Messages kept in listing order (newest `date` first, ties by `id`, higher
 * first), with keyset positions: the index of `@convore/wire`, reading each
 * message's `date` as epoch milliseconds.
 */
import type { Message } from "@convore/core"
import * as Wire from "@convore/wire/MessageIndex"
import { DateTime } from "effect"

export type { Position } from "@convore/wire/MessageIndex"

const dateOf = (message: Message): number => DateTime.toEpochMillis(message.date)

/** The position just after `message`. */
export const positionOf = (message: Message): Wire.Position => ({ date: dateOf(message), id: message.id })

/** A list of messages in listing order. */
export class MessageIndex extends Wire.MessageIndex<Message> {
  constructor() {
    super(dateOf)
  }
}
