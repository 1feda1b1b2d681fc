"use client";

/** The incident page's evidence: where it fails, what is different, the top errors. One hook per call. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Divergence, DivergenceMode } from "@/lib/analysis/attribute-divergence";
import type { BreakdownRow } from "@/lib/analysis/dependency-breakdown";
import type { ErrorGroup } from "@/lib/analysis/error-groups";
import type { VersionChange } from "@/lib/analysis/version-changes";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TimeWindow } from "@/lib/model";

export interface BreakdownAnswer {
  baseline: TimeWindow;
  rows: BreakdownRow[];
}

export interface DivergenceAnswer {
  baseline: TimeWindow;
  divergence: Divergence;
  changes: VersionChange[];
}

export interface ErrorsAnswer {
  services: string[];
  groups: ErrorGroup[];
  note?: string;
}

/** The window slides with auto-refresh: the queries keep showing their last answer meanwhile (keepPreviousData). */
const serviceUrl = (service: string, what: string, window: TimeWindow, extra = "") =>
  `/api/services/${encodeURIComponent(service)}/${what}?from=${window.from}&to=${window.to}${extra}`;

export function useBreakdown(service: string, window: TimeWindow) {
  return useQuery({
    placeholderData: keepPreviousData,
    queryKey: ["breakdown", service, window.from, window.to],
    queryFn: () => fetchJson<BreakdownAnswer>(serviceUrl(service, "breakdown", window)),
  });
}

export function useDivergence(service: string, window: TimeWindow, mode: DivergenceMode) {
  return useQuery({
    queryKey: ["divergence", service, window.from, window.to, mode],
    queryFn: () => fetchJson<DivergenceAnswer>(serviceUrl(service, "divergence", window, `&mode=${mode}`)),
  });
}

export function useTopErrors(service: string, window: TimeWindow) {
  return useQuery({
    placeholderData: keepPreviousData,
    queryKey: ["errors", service, window.from, window.to],
    queryFn: () => fetchJson<ErrorsAnswer>(serviceUrl(service, "errors", window)),
  });
}
