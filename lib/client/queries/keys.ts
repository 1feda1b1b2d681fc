/**
 * Every query and mutation key of the client, built here and nowhere else: a component asks a hook
 * of lib/client/queries, never writes a key. Two calls that share an answer share a key (the trace
 * page and /compare both read `trace(id)`).
 */
import type { DivergenceMode } from "@/lib/analysis/attribute-divergence";
import type { SpanStatus, TimeWindow } from "@/lib/model";

export const queryKeys = {
  health: () => ["health"] as const,
  trace: (traceId: string) => ["trace", traceId] as const,
  traceLogs: (traceId: string) => ["trace-logs", traceId] as const,
  /** The trace's map as the server laid it out (never fetched: it comes with the page or not at all). */
  traceMapLayout: (traceId: string) => ["trace-map-layout", traceId] as const,
  /** A large trace's summary, rows and spans (windowed view); `view` is its query string (trace-rows.ts). */
  traceOutline: (traceId: string) => ["trace-outline", traceId] as const,
  traceRows: (traceId: string, view: string, page: number) => ["trace-rows", traceId, view, page] as const,
  /** Every page of rows of a trace, whatever the view (a prefix of traceRows). */
  traceRowPages: (traceId: string) => ["trace-rows", traceId] as const,
  traceSpan: (traceId: string, spanId: string, view: string) => ["trace-span", traceId, spanId, view] as const,
  /** Every span place of a trace, whatever the span and view (a prefix of traceSpan). */
  traceSpans: (traceId: string) => ["trace-span", traceId] as const,
  tracePercentiles: (traceId: string) => ["trace-percentiles", traceId] as const,
  typicalTrace: (traceId: string) => ["trace-typical", traceId] as const,
  traceAwsLinks: (traceId: string) => ["trace-aws-links", traceId] as const,
  recentTraces: () => ["traces", "recent"] as const,
  slowestTraces: (service: string, window: TimeWindow, p99Ms: number | undefined) => ["traces", "slowest", service, window.from, window.to, p99Ms] as const,
  failingTraces: (service: string, status: SpanStatus, window: TimeWindow) => ["traces", "failing", service, status, window.from, window.to] as const,
  /** `search` is the search's URL form without its sort (lib/trace-search-state.ts). */
  traceSearch: (search: string) => ["trace-search", search] as const,
  searchServices: (last: string | null, from: string | null, to: string | null) => ["trace-search-services", last, from, to] as const,
  serviceGraph: (window: TimeWindow) => ["service-graph", window.from, window.to] as const,
  serviceStats: (service: string | null, window: TimeWindow) => ["service-stats", service, window.from, window.to] as const,
  breakdown: (service: string, window: TimeWindow) => ["breakdown", service, window.from, window.to] as const,
  divergence: (service: string, window: TimeWindow, mode: DivergenceMode) => ["divergence", service, window.from, window.to, mode] as const,
  topErrors: (service: string, window: TimeWindow) => ["errors", service, window.from, window.to] as const,
  snapshots: () => ["snapshots"] as const,
};

export const mutationKeys = {
  /** Lets other buttons (Copy summary) find the snapshot saved of this trace. */
  saveSnapshot: (traceId: string) => ["save-snapshot", traceId] as const,
};
