/**
 * The percentile band from X-Ray trace summaries: a summary has the duration of its whole request
 * and names its root service and operation, so the band exists for root operations only. Inner
 * spans' operations are `unknown`, and the note says why, rather than a band made up from them.
 */
import { operationId, percentilesOf, type OperationKey } from "../../analysis/operation-percentiles";
import type { TimeWindow, TraceSummary } from "../../model";
import type { OperationPercentilesAnswer, TraceQuery } from "../source";

/** Summaries read for one band: GetTraceSummaries pages of 100 or so. */
export const SUMMARY_LIMIT = 1000;

export const AWS_BAND_NOTE =
  "X-Ray trace summaries give the duration of whole requests only: the band is known for root operations, not for the spans inside a trace.";

export async function operationPercentilesFromSummaries(
  findTraces: (query: TraceQuery) => Promise<TraceSummary[]>,
  window: TimeWindow,
  keys: OperationKey[],
): Promise<OperationPercentilesAnswer> {
  const wanted = new Set(keys.map(operationId));
  const durations = new Map<string, number[]>();
  for (const t of await findTraces({ ...window, limit: SUMMARY_LIMIT })) {
    const id = operationId({ service: t.rootService, name: t.rootName });
    if (!wanted.has(id)) continue;
    const list = durations.get(id);
    if (list) list.push(t.durationMs);
    else durations.set(id, [t.durationMs]);
  }
  const operations = keys.filter((k) => durations.has(operationId(k))).map((k) => percentilesOf(k, durations.get(operationId(k))!));
  const unknown = keys.filter((k) => !durations.has(operationId(k)));
  return { operations, unknown, ...(unknown.length > 0 ? { note: AWS_BAND_NOTE } : {}) };
}
