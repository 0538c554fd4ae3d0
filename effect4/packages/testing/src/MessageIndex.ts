/**
 * Messages kept in listing order (newest `date` first, ties by `id`, higher
 * first), with keyset positions: a page starts just after a position, so
 * messages inserted while a client pages never shift what comes next.
 */
import type { Message } from "@convore/core"
import { DateTime } from "effect"

/** A place in the order: the `date` (epoch ms) and `id` of the message just before it. */
export interface Position {
  readonly date: number
  readonly id: string
}

/** Whether `message` comes after `position` in listing order. */
const isAfter = (message: Message, position: Position): boolean => {
  const date = DateTime.toEpochMillis(message.date)
  return date < position.date || (date === position.date && message.id < position.id)
}

/** The position just after `message`. */
export const positionOf = (message: Message): Position => ({
  date: DateTime.toEpochMillis(message.date),
  id: message.id
})

/** A list of messages in listing order. */
export class MessageIndex {
  private readonly items: Array<Message> = []

  get size(): number {
    return this.items.length
  }

  /** The index of the first message after `position`. */
  private firstAfter(position: Position): number {
    let low = 0
    let high = this.items.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (isAfter(this.items[middle]!, position)) high = middle
      else low = middle + 1
    }
    return low
  }

  insert(message: Message): void {
    this.items.splice(this.firstAfter(positionOf(message)), 0, message)
  }

  remove(message: Message): void {
    const at = this.firstAfter(positionOf(message)) - 1
    if (this.items[at]?.id === message.id) this.items.splice(at, 1)
  }

  /** Up to `limit` messages after `position` (from the start without one), and whether more follow. */
  page(
    position: Position | undefined,
    limit: number
  ): { readonly items: ReadonlyArray<Message>; readonly more: boolean } {
    const start = position === undefined ? 0 : this.firstAfter(position)
    return { items: this.items.slice(start, start + limit), more: start + limit < this.items.length }
  }

  /** Every message, in listing order. */
  all(): ReadonlyArray<Message> {
    return this.items.slice()
  }
}
