/**
 * A tracer and a logger that keep everything they are given, so a test can
 * assert on the spans and log lines a program produced, or search them for
 * what must never be there (an API key).
 */
import { Effect, type Exit, Layer, Logger, References, Tracer } from "effect"

/** A span as the recording tracer saw it. */
export interface RecordedSpan {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly attributes: ReadonlyMap<string, unknown>
  /** How the span ended; `undefined` while it runs. */
  readonly exit: Exit.Exit<unknown, unknown> | undefined
}

/** What a recording kept, and the layer (or `provide`) that installs it. */
export interface Recording {
  readonly spans: ReadonlyArray<RecordedSpan>
  /** Every log line (level, message, annotations) and span event, as text. */
  readonly logs: ReadonlyArray<string>
  readonly layer: Layer.Layer<never>
  readonly provide: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/** Starts a recording: provide its layer, run the program, then read `spans` and `logs`. */
export const make = (): Recording => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []

  /** Effect's own span, also writing its events into `logs`. */
  class RecordingSpan extends Tracer.NativeSpan {
    override event(name: string, startTime: bigint, attributes?: Record<string, unknown>): void {
      super.event(name, startTime, attributes)
      logs.push(`event ${name} ${JSON.stringify(attributes)}`)
    }
  }

  const tracer = Tracer.make({
    span: (options) => {
      const span = new RecordingSpan(options)
      spans.push({
        name: span.name,
        kind: span.kind,
        attributes: span.attributes,
        get exit() {
          return span.status._tag === "Ended" ? span.status.exit : undefined
        }
      })
      return span
    }
  })
  const logger = Logger.make(({ fiber, logLevel, message }) => {
    const annotations = fiber.getRef(References.CurrentLogAnnotations)
    logs.push(`${logLevel.toUpperCase()} ${JSON.stringify(message)} ${JSON.stringify(annotations)}`)
  })
  const layer = Layer.mergeAll(
    Layer.succeed(Tracer.Tracer, tracer),
    Logger.layer([logger]),
    Layer.succeed(References.MinimumLogLevel, "All")
  )
  return { spans, logs, layer, provide: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, layer) }
}
