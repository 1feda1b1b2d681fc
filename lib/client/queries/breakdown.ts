"use client";
/** GET /api/services/{name}/breakdown: where the service's time and failures go, against a baseline. The window slides: the last answer stays shown. */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { BreakdownRow } from "@/lib/analysis/dependency-breakdown";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { serviceEvidenceUrl } from "./service-evidence";

export interface BreakdownAnswer {
  baseline: TimeWindow;
  rows: BreakdownRow[];
}

const fetchBreakdown = (service: string, window: TimeWindow) => fetchJson<BreakdownAnswer>(serviceEvidenceUrl(service, "breakdown", window));

export const breakdownQueryOptions = (service: string, window: TimeWindow) =>
  queryOptions({ queryKey: queryKeys.breakdown(service, window), queryFn: () => fetchBreakdown(service, window), placeholderData: keepPreviousData });

export const useBreakdown = (service: string, window: TimeWindow) => useQuery(breakdownQueryOptions(service, window));
