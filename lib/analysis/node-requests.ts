/**
 * The requests each node of the service graph served, as one list: the entry spans of an
 * instrumented service, and the client calls made to a callee that emits no spans of its own (a
 * database, an AWS API, a queue, a third-party host: X-Ray's inferred nodes). The service graph's
 * node stats, a service's RED series and its trace search all count these, so the figures on a
 * map node, its panel, the incident charts and the search agree.
 */
import type { Span, SpanStatus } from "../model";
import { downstreamOf } from "./downstream";

export type RequestSpan = Pick<Span, "traceId" | "spanId" | "parentSpanId" | "service" | "kind" | "startTime" | "durationMs" | "status" | "attributes">;

export interface NodeRequest<S extends RequestSpan = RequestSpan> {
  /** The node that served the request: a service name, or an inferred callee's name. */
  node: string;
  /** The span that measures it: the entry span, or the caller's client span for an inferred callee. */
  span: S;
  /** That span's parent among the spans counted. */
  parent: S | undefined;
  startTime: number;
  durationMs: number;
  status: SpanStatus;
}

/** A span's parent among the spans it was made of. */
export type ParentLookup<S> = (span: S) => S | undefined;

/**
 * A span's parent among `spans`, by the rules of span-index.ts (the first span with that trace and
 * span ID; a span naming itself has none), by trace then span ID: no key is built per span, which a
 * million-span trace would pay for in garbage collection. Spans of one trace (a trace page's) are
 * looked up by span ID alone: one map, and no trace ID hashed per span (a million spans read from a
 * store are a million trace ID strings).
 */
export function parentLookup<S extends Pick<Span, "traceId" | "spanId" | "parentSpanId">>(spans: readonly S[]): ParentLookup<S> {
  const only = spans.length > 0 && spans.every((s) => s.traceId === spans[0].traceId) ? spans[0].traceId : null;
  if (only !== null) {
    const ids = new Map<string, S>();
    for (let i = spans.length - 1; i >= 0; i--) ids.set(spans[i].spanId, spans[i]);
    return (s) => (s.parentSpanId && s.parentSpanId !== s.spanId && s.traceId === only ? ids.get(s.parentSpanId) : undefined);
  }
  const byTrace = new Map<string, Map<string, S>>();
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i];
    let ids = byTrace.get(s.traceId);
    if (!ids) byTrace.set(s.traceId, (ids = new Map()));
    ids.set(s.spanId, s);
  }
  return (s) => (s.parentSpanId && s.parentSpanId !== s.spanId ? byTrace.get(s.traceId)?.get(s.parentSpanId) : undefined);
}

/**
 * Every request served by a node, in span order. `parents`: each span's parent (by parentLookup's
 * rules), when the caller knows them already (a large trace's outline, by position).
 */
export function nodeRequests<S extends RequestSpan>(spans: Iterable<S>, parents?: readonly (S | undefined)[]): NodeRequest<S>[] {
  const all = Array.from(spans);
  if (parents === undefined) parents = all.map(parentLookup(all));
  else if (parents.length !== all.length) throw new Error(`nodeRequests: ${parents.length} parents for ${all.length} spans`);

  // Outgoing calls answered by another instrumented service are that service's requests, not an inferred node's.
  const answered = new Set<S>();
  for (let i = 0; i < all.length; i++) {
    const p = parents[i];
    if (p && p.service !== all[i].service) answered.add(p);
  }

  const requests: NodeRequest<S>[] = [];
  for (let i = 0; i < all.length; i++) {
    const s = all[i];
    const parent = parents[i];
    if (!parent || parent.service !== s.service) {
      requests.push({ node: s.service, span: s, parent, startTime: s.startTime, durationMs: s.durationMs, status: s.status });
    }
    const via = downstreamOf(s);
    if (via && (!answered.has(s) || via.type === "queue" || via.type === "topic")) {
      requests.push({ node: via.name, span: s, parent, startTime: s.startTime, durationMs: s.durationMs, status: s.status });
    }
  }
  return requests;
}
