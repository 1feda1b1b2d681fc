"use client";
/**
 * GET /api/service-graph?from&to: the services and calls of a window. The window slides with
 * auto-refresh: the query keeps showing its last answer meanwhile (keepPreviousData).
 */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { ServiceGraph, TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { windowQuery } from "./traces";

export const fetchServiceGraph = (window: TimeWindow) => fetchJson<ServiceGraph>(`/api/service-graph?${windowQuery(window)}`);

export const serviceGraphQueryOptions = (window: TimeWindow) =>
  queryOptions({ queryKey: queryKeys.serviceGraph(window), queryFn: () => fetchServiceGraph(window), placeholderData: keepPreviousData });

export const useServiceGraph = (window: TimeWindow) => useQuery(serviceGraphQueryOptions(window));
