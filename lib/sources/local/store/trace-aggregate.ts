/**
 * Folds the newly stored spans of one batch into one summary per trace, so the writer upserts
 * each trace's summary row once per batch rather than once per span.
 */
import { type SpanStatus, statusRank } from "../../../model";
import { type Cell, SPAN_CALLEE, SPAN_FIELDS } from "./prepared-batch";

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

/** `rows` in the layout of prepared-batch.ts; `stored` the indexes of the spans newly stored. */
export function aggregateByTrace(rows: readonly Cell[], stored: Iterable<number>): Map<string, TraceAggregate> {
  const byTrace = new Map<string, TraceAggregate>();
  for (const index of stored) {
    const o = index * SPAN_FIELDS;
    const traceId = rows[o] as string;
    const service = rows[o + 3] as string;
    const startUs = rows[o + 6] as number;
    const endUs = rows[o + 7] as number;
    const rank = statusRank(rows[o + 8] as SpanStatus);
    const callee = rows[o + SPAN_CALLEE] as string | null;
    const candidate: RootCandidate = {
      parentless: rows[o + 2] === null,
      startUs,
      service,
      name: rows[o + 4] as string,
      httpStatus: rows[o + 10] as number | null,
    };
    const agg = byTrace.get(traceId);
    if (!agg) {
      const services = new Set([service]);
      if (callee !== null) services.add(callee);
      byTrace.set(traceId, { startUs, endUs, spanCount: 1, statusRank: rank, root: candidate, services });
      continue;
    }
    if (startUs < agg.startUs) agg.startUs = startUs;
    if (endUs > agg.endUs) agg.endUs = endUs;
    agg.spanCount += 1;
    if (rank > agg.statusRank) agg.statusRank = rank;
    if (isBetterRoot(candidate, agg.root)) agg.root = candidate;
    agg.services.add(service);
    if (callee !== null) agg.services.add(callee);
  }
  return byTrace;
}
