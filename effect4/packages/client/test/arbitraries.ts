/**
 * The few generators the property tests use, composed from Effect 4's
 * `Arbitrary` (which has no `constantFrom` or `oneof` of its own).
 */
import { Arbitrary, Schema } from "effect"

/** A whole number from 0 to `max`. */
export const nat = (max: number): Arbitrary.Arbitrary<number> =>
  Arbitrary.schema(Schema.Int.check(Schema.isBetween({ minimum: 0, maximum: max })))

/** One of `values`. */
export const constantFrom = <const A>(...values: ReadonlyArray<A>): Arbitrary.Arbitrary<A> =>
  Arbitrary.map(nat(values.length - 1), (i) => values[i]!)

/** A value of one of `arbitraries`. */
export const oneof = <A>(...arbitraries: ReadonlyArray<Arbitrary.Arbitrary<A>>): Arbitrary.Arbitrary<A> =>
  Arbitrary.flatMap(nat(arbitraries.length - 1), (i) => arbitraries[i]!)

/** `null` or a value of `arbitrary`. */
export const option = <A>(arbitrary: Arbitrary.Arbitrary<A>): Arbitrary.Arbitrary<A | null> =>
  oneof<A | null>(Arbitrary.Constant(null), arbitrary)
