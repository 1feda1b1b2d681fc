/** One decoded OTLP span (either encoding) → the SpanRecord the store writes. */
import type { Attributes, SpanEvent, SpanLink } from "../../../model";
import type { SpanRecord } from "../records";
import type { ResourceContext } from "./resource";
import { httpStatusOf, isThrottleError, spanKind, spanStatus } from "./span-status";

/** The span's own fields, IDs already checked and times already in µs. */
export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  /** The OTLP SpanKind number. */
  kind: number;
  startUs: number;
  endUs: number;
  attributes: Attributes;
  events: SpanEvent[];
  links: SpanLink[];
  /** The OTLP Status.StatusCode number (0 when the span has no status). */
  statusCode: number;
  statusMessage: string;
}

export type ScopeRecord = SpanRecord["scope"];

/** The instrumentation scope, or null when the request did not name one. */
export function scopeRecord(name: string, version: string): ScopeRecord {
  return name !== "" || version !== "" ? { name, version: version || null } : null;
}

export function toSpanRecord(span: DecodedSpan, resource: ResourceContext, scope: ScopeRecord): SpanRecord {
  const httpStatus = httpStatusOf(span.attributes);
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    name: span.name,
    kind: spanKind(span.kind),
    startUs: span.startUs,
    endUs: span.endUs,
    status: spanStatus(httpStatus, span.statusCode, isThrottleError(span.attributes)),
    statusMessage: span.statusMessage || null,
    httpStatus,
    origin: resource.origin,
    attributes: span.attributes,
    events: span.events,
    links: span.links,
    resource: resource.record,
    scope,
  };
}
