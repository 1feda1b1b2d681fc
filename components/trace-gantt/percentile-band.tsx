"use client";

import { createContext, useContext, useMemo, type ReactNode } from "react";
import { bandOf, MIN_BAND_COUNT, operationId } from "@/lib/analysis/operation-percentiles";
import type { OperationPercentiles } from "@/lib/analysis/operation-percentiles";
import { useTracePercentiles } from "@/lib/client/queries/trace-percentiles";
import { formatDuration } from "@/lib/format";
import type { Span } from "@/lib/model";

interface Bands {
  bands: Map<string, OperationPercentiles>;
  unknown: Set<string>;
  note: string | undefined;
}

/** Null outside a live trace page (a snapshot has no "hour before" to compare with): no band is shown. */
const BandsContext = createContext<Bands | null>(null);

/** Fetches the trace's operation percentiles (GET /api/traces/{id}/percentiles) for the rows and details below. */
export function PercentileBandProvider({ traceId, children }: { traceId: string; children: ReactNode }) {
  const query = useTracePercentiles(traceId);
  const value = useMemo<Bands | null>(
    () =>
      query.data
        ? {
            bands: new Map(query.data.operations.map((o) => [operationId(o), o])),
            unknown: new Set(query.data.unknown.map(operationId)),
            note: query.data.note,
          }
        : null,
    [query.data],
  );
  return <BandsContext.Provider value={value}>{children}</BandsContext.Provider>;
}

/** On a Gantt row: "▲p99" when the span took longer than its operation's p99 over the hour before. */
export function AboveP99Marker({ span }: { span: Span }) {
  const ctx = useContext(BandsContext);
  const band = ctx ? bandOf(span, ctx.bands) : null;
  if (!band || span.durationMs <= band.p99Ms) return null;
  return (
    <span
      data-testid="above-p99"
      className="shrink-0 rounded bg-orange-100 px-1 text-[10px] font-semibold text-orange-800 dark:bg-orange-900/60 dark:text-orange-200"
      title={`Longer than its operation's p99 over the hour before: p99 ${formatDuration(band.p99Ms)}, p50 ${formatDuration(band.p50Ms)}, ${band.count} calls`}
    >
      ▲p99
    </span>
  );
}

/** In the span's details: its operation's p50 and p99 over the hour before, or why they are unknown. */
export function PercentileBandDetails({ span }: { span: Span }) {
  const ctx = useContext(BandsContext);
  if (!ctx) return null;
  const band = ctx.bands.get(operationId(span));
  if (!band || band.count === 0) {
    const why = ctx.unknown.has(operationId(span)) && ctx.note ? ctx.note : "No other call of this operation in the hour before this trace.";
    return (
      <p data-testid="percentile-band" data-known="false" className="mt-2 text-slate-500">
        Usual duration: unknown. {why}
      </p>
    );
  }
  const above = band.count >= MIN_BAND_COUNT && span.durationMs > band.p99Ms;
  return (
    <p
      data-testid="percentile-band"
      data-known="true"
      className={`mt-2 ${above ? "rounded bg-orange-50 p-2 text-orange-900 dark:bg-orange-950 dark:text-orange-200" : "text-slate-600 dark:text-slate-400"}`}
    >
      {above && <strong>Above its operation&apos;s p99. </strong>}
      Hour before: p50 <span className="tabular-nums">{formatDuration(band.p50Ms)}</span> · p99{" "}
      <span className="tabular-nums">{formatDuration(band.p99Ms)}</span> over {band.count} call
      {band.count === 1 ? "" : "s"}
      {band.count < MIN_BAND_COUNT && ` (too few to mark a span: ${MIN_BAND_COUNT} or more)`}.
    </p>
  );
}
