/**
 * A tracer and a logger that keep everything they are given, so a test can
 * assert on the spans and log lines a program produced, or search them for
 * what must never be there (an API key).
 */
import { Effect, type Exit, Layer, Logger, LogLevel, Option, Tracer } from "effect"

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
  let ids = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      const recorded: { -readonly [K in keyof RecordedSpan]: RecordedSpan[K] } = {
        name,
        kind,
        attributes,
        exit: undefined
      }
      spans.push(recorded)
      const spanId = `span${++ids}`
      return {
        _tag: "Span",
        name,
        spanId,
        traceId: Option.match(parent, { onNone: () => spanId, onSome: (p) => p.traceId }),
        parent,
        context,
        status: { _tag: "Started", startTime },
        attributes,
        links,
        sampled: true,
        kind,
        end: (_endTime, exit) => {
          recorded.exit = exit
        },
        attribute: (key, value) => attributes.set(key, value),
        event: (eventName, _time, eventAttributes) =>
          logs.push(`event ${eventName} ${JSON.stringify(eventAttributes)}`),
        addLinks: () => {}
      }
    },
    context: (f) => f()
  })
  const logger = Logger.make(({ annotations, logLevel, message }) => {
    logs.push(`${logLevel.label} ${JSON.stringify(message)} ${JSON.stringify(Object.fromEntries(annotations))}`)
  })
  const layer = Layer.mergeAll(
    Layer.setTracer(tracer),
    Logger.replace(Logger.defaultLogger, logger),
    Logger.minimumLogLevel(LogLevel.All)
  )
  return { spans, logs, layer, provide: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.provide(effect, layer) }
}
