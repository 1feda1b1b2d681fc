"use client";
/** A service's failing traces of a window, the worst kind first (5xx, then 429, then 4xx), newest first within each: one request per status. */
import { queryOptions, useQueries } from "@tanstack/react-query";
import type { SpanStatus, TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { SHOWN_TRACES } from "./slowest-traces";
import { fetchTraces, windowQuery } from "./traces";

const FAILING: SpanStatus[] = ["fault", "throttle", "error"];

const fetchFailingTraces = (service: string, status: SpanStatus, window: TimeWindow) =>
  fetchTraces(`service=${encodeURIComponent(service)}&${windowQuery(window)}&status=${status}&limit=${SHOWN_TRACES}`);

export const failingTracesQueryOptions = (service: string, status: SpanStatus, window: TimeWindow) =>
  queryOptions({ queryKey: queryKeys.failingTraces(service, status, window), queryFn: () => fetchFailingTraces(service, status, window) });

export function useFailingTraces(service: string, window: TimeWindow) {
  const results = useQueries({ queries: FAILING.map((status) => failingTracesQueryOptions(service, status, window)) });
  const error = results.find((r) => r.error)?.error ?? null;
  const pending = results.some((r) => r.isPending);
  const traces = results
    .flatMap((r) => r.data?.traces ?? [])
    .sort((a, b) => FAILING.indexOf(a.status) - FAILING.indexOf(b.status) || b.startTime - a.startTime)
    .slice(0, SHOWN_TRACES);
  return { traces, error, pending };
}
