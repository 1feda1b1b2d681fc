/** Builds model spans for unit tests with only the fields a test cares about. */
import type { Span } from "../model";

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
