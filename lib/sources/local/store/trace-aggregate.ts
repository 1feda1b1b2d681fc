/**
 * Folds the newly stored spans of one batch into one summary per trace, so the writer upserts
 * each trace's summary row once per batch rather than once per span.
 */
import { downstreamOf } from "../../../analysis/downstream";
import { statusRank } from "../../../model";
import type { SpanRecord } from "../records";

interface RootCandidate {
  parentless: boolean;
  startUs: number;
  service: string;
  name: string;
  httpStatus: number | null;
}

export interface TraceAggregate {
  startUs: number;
  endUs: number;
  spanCount: number;
  statusRank: number;
  root: RootCandidate;
  /**
   * The services of the trace's spans in this batch, and the callees they call that emit no spans
   * of their own (databases, AWS APIs, queues, third-party hosts): a search by any map node finds
   * the traces through it.
   */
  services: Set<string>;
}

/**
 * A span without a parent beats any other as the trace's root; between equals, the earlier start.
 * The traces upsert in writer.ts applies the same rule across batches.
 */
function isBetterRoot(a: RootCandidate, b: RootCandidate): boolean {
  if (a.parentless !== b.parentless) return a.parentless;
  return a.startUs < b.startUs;
}

function rootCandidate(span: SpanRecord): RootCandidate {
  return {
    parentless: span.parentSpanId === null,
    startUs: span.startUs,
    service: span.resource.service,
    name: span.name,
    httpStatus: span.httpStatus,
  };
}

/** Adds the span's service, and the inferred callee of a client or producer span. */
function servicesOf(span: SpanRecord, into: Set<string>): Set<string> {
  into.add(span.resource.service);
  const callee = downstreamOf(span);
  if (callee) into.add(callee.name);
  return into;
}

export function aggregateByTrace(spans: Iterable<SpanRecord>): Map<string, TraceAggregate> {
  const byTrace = new Map<string, TraceAggregate>();
  for (const span of spans) {
    const agg = byTrace.get(span.traceId);
    if (!agg) {
      byTrace.set(span.traceId, {
        startUs: span.startUs,
        endUs: span.endUs,
        spanCount: 1,
        statusRank: statusRank(span.status),
        root: rootCandidate(span),
        services: servicesOf(span, new Set()),
      });
      continue;
    }
    agg.startUs = Math.min(agg.startUs, span.startUs);
    agg.endUs = Math.max(agg.endUs, span.endUs);
    agg.spanCount += 1;
    agg.statusRank = Math.max(agg.statusRank, statusRank(span.status));
    const candidate = rootCandidate(span);
    if (isBetterRoot(candidate, agg.root)) agg.root = candidate;
    servicesOf(span, agg.services);
  }
  return byTrace;
}
