import fc from "fast-check"
import { describe, expect, it } from "vitest"
import { MessageIndex, type Position } from "../src/MessageIndex.js"

interface Item {
  readonly id: string
  readonly date: number
}

const make = () => new MessageIndex<Item>((item) => item.date)

/** Listing order: newest first, ties by id, higher first. */
const listingOrder = (a: Item, b: Item) => b.date - a.date || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0)

/** Items with distinct ids and few distinct dates, so that ties happen. */
const items = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^msg_[a-z0-9]{1,3}$/), date: fc.integer({ min: 0, max: 5 }) }),
  { selector: (item) => item.id, maxLength: 40 }
)

/** Every page from the start, `limit` at a time, following each page's last position. */
const walk = (index: MessageIndex<Item>, limit: number): Array<ReadonlyArray<Item>> => {
  const pages: Array<ReadonlyArray<Item>> = []
  let position: Position | undefined
  for (;;) {
    const page = index.page(position, limit)
    pages.push(page.items)
    if (!page.more) return pages
    position = index.positionOf(page.items[page.items.length - 1]!)
  }
}

describe("MessageIndex", () => {
  it("keeps messages in listing order: newest date first, ties by id, higher first", () => {
    const index = make()
    for (const item of [{ id: "msg_b", date: 1 }, { id: "msg_a", date: 2 }, { id: "msg_c", date: 1 }]) {
      index.insert(item)
    }
    expect(index.all()).toEqual([{ id: "msg_a", date: 2 }, { id: "msg_c", date: 1 }, { id: "msg_b", date: 1 }])
    expect(index.size).toBe(3)
  })

  it("holds any messages in listing order, and pages through them once each", () => {
    fc.assert(
      fc.property(items, fc.integer({ min: 1, max: 7 }), (all, limit) => {
        const index = make()
        for (const item of all) index.insert(item)
        const sorted = all.slice().sort(listingOrder)
        expect(index.all()).toEqual(sorted)
        const pages = walk(index, limit)
        expect(pages.flat()).toEqual(sorted)
        expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true)
      }),
      { numRuns: 300 }
    )
  })

  it("starts a page just after its position, whatever was inserted since on either side of it", () => {
    fc.assert(
      fc.property(items, items, fc.integer({ min: 1, max: 7 }), (first, later, limit) => {
        const index = make()
        for (const item of first) index.insert(item)
        const page = index.page(undefined, limit)
        const last = page.items[page.items.length - 1]
        if (last === undefined) return
        const position = index.positionOf(last)
        const added = later.filter((item) => !first.some((f) => f.id === item.id))
        for (const item of added) index.insert(item)
        const isAfter = (item: Item) => listingOrder(last, item) < 0
        const rest = index.page(position, first.length + added.length)
        expect(rest.items).toEqual([...first, ...added].filter(isAfter).sort(listingOrder))
        expect(rest.more).toBe(false)
      }),
      { numRuns: 300 }
    )
  })

  it("removes a message by its position and id, and nothing else", () => {
    const index = make()
    const a = { id: "msg_a", date: 1 }
    const b = { id: "msg_b", date: 1 }
    index.insert(a)
    index.insert(b)
    index.remove({ id: "msg_c", date: 1 })
    index.remove({ id: "msg_a", date: 2 })
    expect(index.all()).toEqual([b, a])
    index.remove(a)
    expect(index.all()).toEqual([b])
    expect(index.page(undefined, 10)).toEqual({ items: [b], more: false })
  })

  it("pages from the start without a position, and says when more follow", () => {
    const index = make()
    for (let i = 0; i < 5; i++) index.insert({ id: `msg_${i}`, date: i })
    expect(index.page(undefined, 2)).toEqual({
      items: [{ id: "msg_4", date: 4 }, { id: "msg_3", date: 3 }],
      more: true
    })
    expect(index.page({ date: 3, id: "msg_3" }, 3)).toEqual({
      items: [{ id: "msg_2", date: 2 }, { id: "msg_1", date: 1 }, { id: "msg_0", date: 0 }],
      more: false
    })
  })
})
