/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives
 * the same sequence on every run, for ids, fixtures and injected faults.
 *
 * Both Effect lines share this logic: it lives in `@convore/wire`.
 */
export { float, uint32 } from "@convore/wire/Prng"
