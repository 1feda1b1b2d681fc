"use client";
/** A service's slowest traces of a window: those at least as long as its p99 (all, when it is 0), longest first. */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { fetchTraces, windowQuery } from "./traces";

/** How many traces the incident page's lists show. */
export const SHOWN_TRACES = 10;

async function fetchSlowestTraces(service: string, window: TimeWindow, p99Ms: number | undefined) {
  const min = p99Ms ? `&minDurationMs=${Math.floor(p99Ms)}` : "";
  const { traces } = await fetchTraces(`service=${encodeURIComponent(service)}&${windowQuery(window)}&limit=1000${min}`);
  return [...traces].sort((a, b) => b.durationMs - a.durationMs).slice(0, SHOWN_TRACES);
}

/** `p99Ms` undefined (the graph is not known yet) waits. */
export const slowestTracesQueryOptions = (service: string, window: TimeWindow, p99Ms: number | undefined) =>
  queryOptions({
    queryKey: queryKeys.slowestTraces(service, window, p99Ms),
    queryFn: () => fetchSlowestTraces(service, window, p99Ms),
    placeholderData: keepPreviousData,
    enabled: p99Ms !== undefined,
  });

export const useSlowestTraces = (service: string, window: TimeWindow, p99Ms: number | undefined) => useQuery(slowestTracesQueryOptions(service, window, p99Ms));
