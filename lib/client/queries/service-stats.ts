"use client";
/** GET /api/services/{name}/stats?from&to: the service's RED series. The window slides: the last answer stays shown meanwhile. */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { ServiceStatsSeries } from "@/lib/analysis/service-stats";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { windowQuery } from "./traces";

export interface StatsAnswer extends ServiceStatsSeries {
  stepMs: number;
}

const fetchServiceStats = (service: string, window: TimeWindow) =>
  fetchJson<StatsAnswer>(`/api/services/${encodeURIComponent(service)}/stats?${windowQuery(window)}`);

/** `service` null (none selected yet) waits. */
export const serviceStatsQueryOptions = (service: string | null, window: TimeWindow) =>
  queryOptions({
    queryKey: queryKeys.serviceStats(service, window),
    queryFn: () => fetchServiceStats(service ?? "", window),
    placeholderData: keepPreviousData,
    enabled: service !== null,
  });

export const useServiceStats = (service: string | null, window: TimeWindow) => useQuery(serviceStatsQueryOptions(service, window));
