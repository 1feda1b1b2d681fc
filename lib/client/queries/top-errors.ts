"use client";
/** GET /api/services/{name}/errors: the window's error groups of the service and those it calls. The window slides: the last answer stays shown. */
import { keepPreviousData, queryOptions, useQuery } from "@tanstack/react-query";
import type { ErrorGroup } from "@/lib/analysis/error-groups";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { serviceEvidenceUrl } from "./service-evidence";

export interface ErrorsAnswer {
  services: string[];
  groups: ErrorGroup[];
  note?: string;
}

const fetchTopErrors = (service: string, window: TimeWindow) => fetchJson<ErrorsAnswer>(serviceEvidenceUrl(service, "errors", window));

export const topErrorsQueryOptions = (service: string, window: TimeWindow) =>
  queryOptions({ queryKey: queryKeys.topErrors(service, window), queryFn: () => fetchTopErrors(service, window), placeholderData: keepPreviousData });

export const useTopErrors = (service: string, window: TimeWindow) => useQuery(topErrorsQueryOptions(service, window));
