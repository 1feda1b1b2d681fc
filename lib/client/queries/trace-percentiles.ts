"use client";
/** GET /api/traces/{id}/percentiles: each operation's p50/p99 over the hour before the trace. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import type { OperationPercentilesResult } from "@/lib/analysis/operation-percentiles";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "./keys";

const fetchTracePercentiles = (traceId: string) => fetchJson<OperationPercentilesResult>(`/api/traces/${encodeURIComponent(traceId)}/percentiles`);

export const tracePercentilesQueryOptions = (traceId: string) =>
  queryOptions({ queryKey: queryKeys.tracePercentiles(traceId), queryFn: () => fetchTracePercentiles(traceId), staleTime: 5 * 60_000, retry: false });

export const useTracePercentiles = (traceId: string) => useQuery(tracePercentilesQueryOptions(traceId));
