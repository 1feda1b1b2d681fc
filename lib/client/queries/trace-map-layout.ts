"use client";
/**
 * A small trace's service map as the server laid it out for the page's first paint
 * (app/trace/[id]/page.tsx puts it in the query cache; it is never fetched).
 */
import { skipToken, useQuery } from "@tanstack/react-query";
import type { LayoutSeed } from "@/lib/analysis/service-map-dagre";
import { queryKeys } from "./keys";

export const useTraceMapLayoutSeed = (traceId: string): LayoutSeed | null =>
  useQuery<LayoutSeed>({ queryKey: queryKeys.traceMapLayout(traceId), queryFn: skipToken, staleTime: Infinity }).data ?? null;
