"use client";

import { keepPreviousData, useQueries, useQuery } from "@tanstack/react-query";
import type { ServiceStatsSeries } from "@/lib/analysis/service-stats";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ServiceGraph, SpanStatus, TimeWindow, TraceSummary } from "@/lib/model";

export interface StatsAnswer extends ServiceStatsSeries {
  stepMs: number;
}

/** The window slides with auto-refresh: the queries keep showing their last answer meanwhile (keepPreviousData). */
const windowQuery = (w: TimeWindow) => `from=${w.from}&to=${w.to}`;

export function useServiceGraph(window: TimeWindow) {
  return useQuery({
    placeholderData: keepPreviousData,
    queryKey: ["service-graph", window.from, window.to],
    queryFn: () => fetchJson<ServiceGraph>(`/api/service-graph?${windowQuery(window)}`),
  });
}

export function useServiceStats(service: string | null, window: TimeWindow) {
  return useQuery({
    placeholderData: keepPreviousData,
    queryKey: ["service-stats", service, window.from, window.to],
    queryFn: () => fetchJson<StatsAnswer>(`/api/services/${encodeURIComponent(service ?? "")}/stats?${windowQuery(window)}`),
    enabled: service !== null,
  });
}

const SHOWN = 10;

const tracesUrl = (service: string, window: TimeWindow, extra: string) => `/api/traces?service=${encodeURIComponent(service)}&${windowQuery(window)}&${extra}`;

/**
 * The service's slowest traces: those at least as long as its p99 (all, when it is 0), longest first.
 * `p99Ms` undefined (the graph is not known yet) waits.
 */
export function useSlowestTraces(service: string, window: TimeWindow, p99Ms: number | undefined) {
  return useQuery({
    placeholderData: keepPreviousData,
    queryKey: ["traces", "slowest", service, window.from, window.to, p99Ms],
    queryFn: async () => {
      const min = p99Ms ? `&minDurationMs=${Math.floor(p99Ms)}` : "";
      const { traces } = await fetchJson<{ traces: TraceSummary[] }>(tracesUrl(service, window, `limit=1000${min}`));
      return [...traces].sort((a, b) => b.durationMs - a.durationMs).slice(0, SHOWN);
    },
    enabled: p99Ms !== undefined,
  });
}

const FAILING: SpanStatus[] = ["fault", "throttle", "error"];

/** The service's failing traces, the worst kind first (5xx, then 429, then 4xx), newest first within each. */
export function useFailingTraces(service: string, window: TimeWindow) {
  const results = useQueries({
    queries: FAILING.map((status) => ({
      queryKey: ["traces", "failing", service, status, window.from, window.to],
      queryFn: () => fetchJson<{ traces: TraceSummary[] }>(tracesUrl(service, window, `status=${status}&limit=${SHOWN}`)),
    })),
  });
  const error = results.find((r) => r.error)?.error ?? null;
  const pending = results.some((r) => r.isPending);
  const traces = results
    .flatMap((r) => r.data?.traces ?? [])
    .sort((a, b) => FAILING.indexOf(a.status) - FAILING.indexOf(b.status) || b.startTime - a.startTime)
    .slice(0, SHOWN);
  return { traces, error, pending };
}
