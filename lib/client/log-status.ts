/**
 * What the log timeline says about its query, in words for an SRE: still searching (and how far),
 * failed (and why), partial, empty (and why), and what the scan cost.
 */
import type { LogsResult, LogsStats } from "../model";
import { formatDollars, formatMegabytes, formatPassesCost, formatScanCost, scanCostDollars } from "./log-cost";

export interface LogsQuery {
  data: LogsResult | undefined;
  error: Error | null;
  isPending: boolean;
}

export interface LogsStatusText {
  /** The query is still running: "Searching logs… N records scanned (X MB)". */
  progress: string | null;
  /** The query failed: why, for a red banner. */
  failure: string | null;
  /** Some lines may be missing: why, for an amber banner. */
  partial: string | null;
  /** The query finished and found nothing: why. */
  empty: { title: string; detail: string | null } | null;
  /** "scanned X MB · ~$Y", once the query has finished, when the source reports its scan; with two passes, each one's part too. */
  cost: string | null;
  /** The search finished complete but has something to say (aws: the wide pass was refused, the narrow one ran). */
  note: string | null;
}

/** How long after a trace ends its log lines may still be on their way. */
export const INGESTION_LAG_MS = 5 * 60_000;

export function describeLogs(logs: LogsQuery, traceEndTime: number, now: number): LogsStatusText {
  const { data, error } = logs;
  const loading = logs.isPending || data?.status === "running";
  const failure = error ? error.message || "The logs query failed." : data?.status === "failed" ? (data.message ?? "The logs query failed.") : null;
  const partial = data?.status === "partial" ? (data.message ?? "Some log groups could not be searched: lines may be missing.") : null;
  const settled = data !== undefined && !loading && failure === null;
  return {
    progress: loading ? progressText(data?.stats, data?.cost?.pricePerGb) : null,
    failure,
    partial,
    empty: settled && data.events.length === 0 ? emptyReason(data, traceEndTime, now, partial !== null) : null,
    cost: settled && data.stats ? costText(data) : null,
    note: settled && data.status === "complete" && data.message ? data.message : null,
  };
}

function costText(data: LogsResult): string | null {
  if (!data.stats) return null;
  const pricePerGb = data.cost?.pricePerGb;
  return data.passes && data.passes.length > 0
    ? formatPassesCost(data.stats.bytesScanned, data.passes, pricePerGb)
    : formatScanCost(data.stats.bytesScanned, pricePerGb);
}

function progressText(stats: LogsStats | undefined, pricePerGb: number | undefined): string {
  if (!stats) return "Searching logs…";
  const scanned = `Searching logs… ${stats.recordsScanned.toLocaleString("en-US")} records scanned (${formatMegabytes(stats.bytesScanned)})`;
  return `${scanned} · ~${formatDollars(scanCostDollars(stats.bytesScanned, pricePerGb))}`;
}

function emptyReason(data: LogsResult, traceEndTime: number, now: number, bannerShown: boolean): { title: string; detail: string | null } {
  const detail = bannerShown ? null : (data.message ?? null);
  if (now - traceEndTime < INGESTION_LAG_MS) {
    return { title: "No log lines yet — this trace is under five minutes old and ingestion may lag", detail };
  }
  return { title: "No log line carries this trace ID", detail };
}
