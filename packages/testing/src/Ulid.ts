/**
 * Ids that look like Convore's (a prefix and a lowercase ULID, see
 * `@convore/wire`), from the `Clock` and a seeded generator, so that tests
 * under `TestClock` get the same ids every run.
 */
import * as Ulid from "@convore/wire/Ulid"
import { Clock, Effect } from "effect"

export { format } from "@convore/wire/Ulid"

/** Makes `prefix_<ulid>` ids, increasing with the clock and within each millisecond. */
export const generator = (seed: number) => {
  const next = Ulid.generator(seed)
  return (prefix: string): Effect.Effect<string> => Effect.map(Clock.currentTimeMillis, (now) => next(prefix, now))
}
