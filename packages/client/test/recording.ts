import { Effect, Layer, Logger, LogLevel, Option, Tracer } from "effect"

/** A span as the recording tracer saw it. */
export interface RecordedSpan {
  readonly name: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
}

/**
 * A tracer and a logger that keep everything they are given, so a test can
 * assert on spans and log lines (and search them for what must not be there).
 */
export const recording = () => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []
  let ids = 0
  const tracer = Tracer.make({
    span: (name, parent, context, links, startTime, kind) => {
      const attributes = new Map<string, unknown>()
      spans.push({ name, kind, attributes })
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
        end: () => {},
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
