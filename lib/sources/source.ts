/**
 * The four questions every data source answers. Both implementations (local SQLite, AWS)
 * return the same normalized model, so routes and components never know which one is behind.
 */
import type { OperationKey, OperationPercentiles } from "../analysis/operation-percentiles";
import type { ErrorOccurrence } from "../analysis/error-groups";
import type { TraceFacets } from "../analysis/trace-facets";
import type { AttributeFilter, LogsResult, ServiceGraph, ServiceStatsSeries, SpanStatus, TimeWindow, Trace, TraceSummary } from "../model";
import type { ParsedTraceId } from "../trace-id";

/** The trace page's pivots ("traces with this"): each given filter must match some span or log line of the trace. */
export interface PivotFilters {
  /** Some span has exactly this operation name. */
  spanName?: string;
  /** Some span recorded an exception of exactly this type. */
  exceptionType?: string;
  /** Some log line of the trace has this pattern (lib/analysis/log-pattern.ts). */
  logPattern?: string;
}

export interface TraceQuery extends TimeWindow, PivotFilters {
  service?: string;
  /** A case-insensitive substring of the root span's operation name. */
  operation?: string;
  minDurationMs?: number;
  maxDurationMs?: number;
  status?: SpanStatus;
  /** Every filter must match some span of the trace (AND across filters). */
  attributes?: AttributeFilter[];
  limit: number;
}

export interface Source {
  readonly kind: "local" | "aws";
  findTraces(query: TraceQuery): Promise<TraceSummary[]>;
  /** null when the source has no span of that trace. */
  getTrace(id: ParsedTraceId): Promise<Trace | null>;
  getServiceGraph(window: TimeWindow): Promise<ServiceGraph>;
  getTraceLogs(id: ParsedTraceId): Promise<LogsResult>;
  /** RED statistics per step of the requests one service served in the window, and their latency histogram. */
  getServiceStats(service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries>;
  /**
   * What the traces through `service` in the window carry (attributes, resources, annotations,
   * versions), newest first: at most `limit` of every status, and at most `limit` failing ones
   * besides, so that a rare failure still has a sample to compare.
   */
  getTraceFacets(query: TraceFacetsQuery): Promise<TraceFacets[]>;
  /** The exceptions (and, where the source can search them cheaply, ERROR log lines) of these services in the window. */
  getErrorOccurrences(query: ErrorsQuery): Promise<ErrorOccurrences>;
  /**
   * p50/p99 of each operation (service + span name) over the window, for the per-span percentile
   * band. Operations the source cannot tell are listed in `unknown`, with why in `note`.
   */
  getOperationPercentiles?(window: TimeWindow, keys: OperationKey[]): Promise<OperationPercentilesAnswer>;
}

export interface ErrorsQuery extends TimeWindow {
  services: string[];
  limit: number;
}

export interface ErrorOccurrences {
  occurrences: ErrorOccurrence[];
  /** What the source could not look at, in words for the user. */
  note?: string;
}

export interface TraceFacetsQuery extends TimeWindow {
  service: string;
  limit: number;
}

export interface OperationPercentilesAnswer {
  operations: OperationPercentiles[];
  unknown: OperationKey[];
  note?: string;
}
