"use client";
/** One module per server call: the trace and its typical counterpart, with their query keys. */
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/lib/client/fetch-json";
import type { Trace, TraceSummary } from "@/lib/model";

const noRetryOn4xx = (count: number, err: Error) => !(err instanceof ApiRequestError && err.status < 500) && count < 2;

/** Same key as the trace page's, so a trace opened there is not fetched again. */
export function useTrace(traceId: string) {
  return useQuery({
    queryKey: ["trace", traceId],
    queryFn: () => fetchJson<{ trace: Trace }>(`/api/traces/${encodeURIComponent(traceId)}`).then((r) => r.trace),
    retry: noRetryOn4xx,
  });
}

/** What `GET /api/traces/{id}/typical` answers. */
export interface TypicalTrace {
  trace: TraceSummary;
  medianMs: number;
  sampleSize: number;
  rootService: string;
  rootName: string;
}

export function useTypicalTrace(traceId: string, enabled: boolean) {
  return useQuery({
    queryKey: ["trace-typical", traceId],
    queryFn: () => fetchJson<TypicalTrace>(`/api/traces/${encodeURIComponent(traceId)}/typical`),
    enabled,
    retry: noRetryOn4xx,
    staleTime: 60_000,
  });
}
