"use client";
/** GET /api/traces/{id}/typical: the trace of the same root operation closest to the median in the hour before. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { TraceSummary } from "@/lib/model";
import { queryKeys } from "./keys";
import { retryUnless4xx } from "./retry";

export interface TypicalTrace {
  trace: TraceSummary;
  medianMs: number;
  sampleSize: number;
  rootService: string;
  rootName: string;
}

const fetchTypicalTrace = (traceId: string) => fetchJson<TypicalTrace>(`/api/traces/${encodeURIComponent(traceId)}/typical`);

export const typicalTraceQueryOptions = (traceId: string) =>
  queryOptions({ queryKey: queryKeys.typicalTrace(traceId), queryFn: () => fetchTypicalTrace(traceId), retry: retryUnless4xx(2), staleTime: 60_000 });

export const useTypicalTrace = (traceId: string, enabled: boolean) => useQuery({ ...typicalTraceQueryOptions(traceId), enabled });
