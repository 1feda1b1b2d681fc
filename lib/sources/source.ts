/**
 * The four questions every data source answers. Both implementations (local SQLite, AWS)
 * return the same normalized model, so routes and components never know which one is behind.
 */
import type { LogsResult, ServiceGraph, SpanStatus, Trace, TraceSummary } from "../model";
import type { ParsedTraceId } from "../trace-id";

export interface TimeWindow {
  /** Epoch milliseconds, inclusive. */
  from: number;
  /** Epoch milliseconds, exclusive. */
  to: number;
}

export interface TraceQuery extends TimeWindow {
  service?: string;
  minDurationMs?: number;
  status?: SpanStatus;
  limit: number;
}

export interface Source {
  readonly kind: "local" | "aws";
  findTraces(query: TraceQuery): Promise<TraceSummary[]>;
  /** null when the source has no span of that trace. */
  getTrace(id: ParsedTraceId): Promise<Trace | null>;
  getServiceGraph(window: TimeWindow): Promise<ServiceGraph>;
  getTraceLogs(id: ParsedTraceId): Promise<LogsResult>;
}
