/** Builds model spans and log lines for unit tests with only the fields a test cares about. */
import type { LogEvent, Span, Trace } from "../model";

export function span(partial: Partial<Span> & Pick<Span, "spanId">): Span {
  const startTime = partial.startTime ?? 0;
  const endTime = partial.endTime ?? startTime + (partial.durationMs ?? 10);
  return {
    traceId: "5b8efff798038103d269b633813fc60c",
    parentSpanId: null,
    service: "svc",
    name: partial.spanId,
    kind: "internal",
    status: "ok",
    statusMessage: null,
    httpStatus: null,
    origin: null,
    attributes: {},
    resource: {},
    events: [],
    links: [],
    ...partial,
    startTime,
    endTime,
    durationMs: endTime - startTime,
  };
}

let nextLogId = 0;

/** A log line, its ID unique in the test run. */
export function log(partial: Partial<LogEvent> & Pick<LogEvent, "timestamp">): LogEvent {
  return {
    id: `log-${nextLogId++}`,
    message: "line",
    level: "info",
    service: null,
    traceId: null,
    spanId: null,
    logGroup: null,
    fields: {},
    ...partial,
  };
}

/** A trace of `spans` (the first one's trace ID), from the earliest start to the latest end. */
export function traceOf(spans: Span[]): Trace {
  const startTime = Math.min(...spans.map((s) => s.startTime));
  const endTime = Math.max(...spans.map((s) => s.endTime));
  return {
    traceId: spans[0].traceId,
    xrayTraceId: `1-${spans[0].traceId.slice(0, 8)}-${spans[0].traceId.slice(8)}`,
    startTime,
    endTime,
    durationMs: endTime - startTime,
    spans,
    services: [...new Set(spans.map((s) => s.service))],
  };
}
