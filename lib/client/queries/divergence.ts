"use client";
/** GET /api/services/{name}/divergence: the attributes that set failing (or slow) traces apart, and version changes. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { Divergence, DivergenceMode } from "@/lib/analysis/attribute-divergence";
import type { VersionChange } from "@/lib/analysis/version-changes";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TimeWindow } from "@/lib/model";
import { queryKeys } from "./keys";
import { serviceEvidenceUrl } from "./service-evidence";

export interface DivergenceAnswer {
  baseline: TimeWindow;
  divergence: Divergence;
  changes: VersionChange[];
}

const fetchDivergence = (service: string, window: TimeWindow, mode: DivergenceMode) =>
  fetchJson<DivergenceAnswer>(serviceEvidenceUrl(service, "divergence", window, `&mode=${mode}`));

export const divergenceQueryOptions = (service: string, window: TimeWindow, mode: DivergenceMode) =>
  queryOptions({ queryKey: queryKeys.divergence(service, window, mode), queryFn: () => fetchDivergence(service, window, mode) });

export const useDivergence = (service: string, window: TimeWindow, mode: DivergenceMode) => useQuery(divergenceQueryOptions(service, window, mode));
