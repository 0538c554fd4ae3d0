/**
 * Keeps the API key out of everything the client reports: the scrubber of
 * `@convore/wire` (which both Effect lines share), given the key's value.
 */
import { type Scrub, scrubber as scrubberOf } from "@convore/wire/Redaction"
import { Redacted } from "effect"

export type { Scrub } from "@convore/wire/Redaction"

/** The scrubber of `key`: its value replaced wherever it stands as a token in a text (see `@convore/wire`). */
export const scrubber = (key: Redacted.Redacted): Scrub => scrubberOf(Redacted.value(key))
