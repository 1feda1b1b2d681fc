"use client";
/** GET /api/traces/{id}/aws-links (aws source only): the trace's X-Ray and Logs Insights console links. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "./keys";

export interface AwsLinks {
  traceConsoleUrl: string;
  logsInsightsConsoleUrl: string;
  query: string;
  logGroups: string[];
  logGroupsOmitted?: number;
  problems?: string[];
  region: string;
  regionNote?: string;
}

const fetchTraceAwsLinks = (traceId: string) => fetchJson<AwsLinks>(`/api/traces/${encodeURIComponent(traceId)}/aws-links`);

export const traceAwsLinksQueryOptions = (traceId: string) =>
  queryOptions({ queryKey: queryKeys.traceAwsLinks(traceId), queryFn: () => fetchTraceAwsLinks(traceId), staleTime: 5 * 60_000 });

export const useTraceAwsLinks = (traceId: string, enabled: boolean) => useQuery({ ...traceAwsLinksQueryOptions(traceId), enabled });
