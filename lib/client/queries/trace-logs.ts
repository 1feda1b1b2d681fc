"use client";
/**
 * GET /api/traces/{id}/logs: the trace's log lines, polled while the search runs. The first request
 * answers at once (the panel shows "searching"); later ones are long polls that the server holds
 * until the Logs Insights search changes, so completion shows at once.
 */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { LogsResult } from "@/lib/model";
import { queryKeys } from "./keys";

/** How long the server may hold a logs request while the search has nothing new. */
const LOGS_LONG_POLL_MS = 1000;

const fetchTraceLogs = (traceId: string, waitMs: number, signal?: AbortSignal) =>
  fetchJson<LogsResult>(`/api/traces/${encodeURIComponent(traceId)}/logs?waitMs=${waitMs}`, { signal });

export const traceLogsQueryOptions = (traceId: string) =>
  queryOptions({
    queryKey: queryKeys.traceLogs(traceId),
    queryFn: ({ signal, client }) => fetchTraceLogs(traceId, client.getQueryData(queryKeys.traceLogs(traceId)) ? LOGS_LONG_POLL_MS : 0, signal),
    // While the search runs, ask again right away: the server does the waiting.
    refetchInterval: (q) => (q.state.data?.status === "running" ? 50 : false),
  });

export const useTraceLogs = (traceId: string, enabled: boolean) => useQuery({ ...traceLogsQueryOptions(traceId), enabled });
