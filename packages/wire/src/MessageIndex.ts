/**
 * Messages kept in listing order (newest `date` first, ties by `id`, higher
 * first), with keyset positions: a page starts just after a position, so
 * messages inserted while a client pages never shift what comes next.
 */

/** A place in the order: the `date` (epoch ms) and `id` of the message just before it. */
export interface Position {
  readonly date: number
  readonly id: string
}

/** A list of messages in listing order, each read through `dateOf` (its `date` in epoch ms). */
export class MessageIndex<A extends { readonly id: string }> {
  private readonly items: Array<A> = []
  private readonly dateOf: (message: A) => number

  /** An empty index that orders its messages by `dateOf`, then by `id`. */
  constructor(dateOf: (message: A) => number) {
    this.dateOf = dateOf
  }

  /** How many messages it holds. */
  get size(): number {
    return this.items.length
  }

  /** The position just after `message`. */
  positionOf(message: A): Position {
    return { date: this.dateOf(message), id: message.id }
  }

  /** Whether `message` comes after `position` in listing order. */
  private isAfter(message: A, position: Position): boolean {
    const date = this.dateOf(message)
    return date < position.date || (date === position.date && message.id < position.id)
  }

  /** The index of the first message after `position`. */
  private firstAfter(position: Position): number {
    let low = 0
    let high = this.items.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.isAfter(this.items[middle]!, position)) high = middle
      else low = middle + 1
    }
    return low
  }

  /** Puts `message` in its place in the order. */
  insert(message: A): void {
    this.items.splice(this.firstAfter(this.positionOf(message)), 0, message)
  }

  /** Takes out the message at `message`'s position, if it has `message`'s id. */
  remove(message: A): void {
    const at = this.firstAfter(this.positionOf(message)) - 1
    if (this.items[at]?.id === message.id) this.items.splice(at, 1)
  }

  /** Up to `limit` messages after `position` (from the start without one), and whether more follow. */
  page(
    position: Position | undefined,
    limit: number
  ): { readonly items: ReadonlyArray<A>; readonly more: boolean } {
    const start = position === undefined ? 0 : this.firstAfter(position)
    return { items: this.items.slice(start, start + limit), more: start + limit < this.items.length }
  }

  /** Every message, in listing order. */
  all(): ReadonlyArray<A> {
    return this.items.slice()
  }
}
