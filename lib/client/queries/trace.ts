"use client";
/** GET /api/traces/{id}: one trace. The trace page and /compare share its key, so a trace opened on one is not fetched again on the other. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { Trace } from "@/lib/model";
import { queryKeys } from "./keys";
import { retryUnless4xx } from "./retry";

const fetchTrace = (traceId: string) => fetchJson<{ trace: Trace }>(`/api/traces/${encodeURIComponent(traceId)}`).then((r) => r.trace);

export const traceQueryOptions = (traceId: string) =>
  queryOptions({ queryKey: queryKeys.trace(traceId), queryFn: () => fetchTrace(traceId), retry: retryUnless4xx(2) });

export const useTrace = (traceId: string) => useQuery(traceQueryOptions(traceId));
