"use client";
/**
 * The windowed view of a large trace (app/trace/[id]/page.tsx picks it above TRACE_WINDOW_FROM_SPANS):
 * GET /api/traces/{id}/outline (header facts, map, minimap), …/rows (a window of Gantt rows),
 * …/spans/{spanId} (one span and its row), …/find (the next failing or matching span). Each takes
 * the view — search, service filter, folded spans — as the same query string.
 */
import { useEffect, useRef } from "react";
import { keepPreviousData, queryOptions, useQueries, useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ROWS_PAGE, type OutlineSummary, type RowsPage, type SpanLocation } from "@/lib/analysis/trace-outline";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "./keys";
import { retryUnless4xx } from "./retry";

const base = (traceId: string) => `/api/traces/${encodeURIComponent(traceId)}`;
const withView = (url: string, view: string, extra?: Record<string, string>) => {
  const q = new URLSearchParams(view);
  for (const [k, v] of Object.entries(extra ?? {})) q.set(k, v);
  const s = q.toString();
  return s ? `${url}?${s}` : url;
};

/** How often a summary marked partial (an outline laid out before the trace's latest spans arrived) is asked again. */
const PARTIAL_OUTLINE_REFRESH_MS = 2_000;

const traceOutlineQueryOptions = (traceId: string) =>
  queryOptions({
    queryKey: queryKeys.traceOutline(traceId),
    queryFn: () => fetchJson<OutlineSummary>(`${base(traceId)}/outline`),
    retry: retryUnless4xx(2),
    staleTime: Infinity,
    refetchInterval: (query) => (query.state.data?.partial ? PARTIAL_OUTLINE_REFRESH_MS : false),
  });

/**
 * The trace's outline summary. While it is partial it is asked again every
 * PARTIAL_OUTLINE_REFRESH_MS; when a newer outline answers (another span count), the rows and span
 * places of the older one are dropped or asked again, since their row numbers belong to it.
 */
export function useTraceOutline(traceId: string) {
  const client = useQueryClient();
  const outline = useQuery(traceOutlineQueryOptions(traceId));
  const laidOut = outline.data?.stats.spanCount;
  const shown = useRef(laidOut);
  useEffect(() => {
    if (laidOut === undefined) return;
    if (shown.current !== undefined && shown.current !== laidOut) forgetRows(client, traceId);
    shown.current = laidOut;
  }, [client, traceId, laidOut]);
  return outline;
}

/** The trace's rows and span places: those not shown are dropped, those shown asked again (kept on screen until answered). */
function forgetRows(client: QueryClient, traceId: string): void {
  for (const queryKey of [queryKeys.traceRowPages(traceId), queryKeys.traceSpans(traceId)]) {
    client.removeQueries({ queryKey, type: "inactive" });
    void client.invalidateQueries({ queryKey });
  }
}

const traceRowsQueryOptions = (traceId: string, view: string, page: number) =>
  queryOptions({
    queryKey: queryKeys.traceRows(traceId, view, page),
    queryFn: ({ signal }) =>
      fetchJson<RowsPage>(withView(`${base(traceId)}/rows`, view, { offset: String(page * ROWS_PAGE), limit: String(ROWS_PAGE) }), { signal }),
    retry: retryUnless4xx(2),
    staleTime: Infinity,
  });

/**
 * The view's first page of rows: it says how many rows the view has, so it is asked first, and it
 * keeps the previous view's answer while a new view loads (the list keeps its length meanwhile).
 */
export const useTraceRowsHead = (traceId: string, view: string) => useQuery({ ...traceRowsQueryOptions(traceId, view, 0), placeholderData: keepPreviousData });

const rowsOfPages = (results: { data?: RowsPage }[]) => results.map((r) => r.data?.rows);

/**
 * Pages of rows kept once no longer wanted (off screen, or of another view): beyond these the least
 * recently fetched are dropped, so the browser holds a window of a large trace, never the whole of it.
 */
export const ROW_PAGES_KEPT = 16;

/** Drops the trace's pages of rows that no list shows, all but the `keep` most recently fetched. */
export function dropIdleRowPages(client: QueryClient, traceId: string, keep = ROW_PAGES_KEPT): void {
  const cache = client.getQueryCache();
  const idle = cache.findAll({ queryKey: queryKeys.traceRowPages(traceId), type: "inactive" });
  idle.sort((a, b) => b.state.dataUpdatedAt - a.state.dataUpdatedAt);
  for (const query of idle.slice(keep)) cache.remove(query);
}

/**
 * The rows of the other pages wanted (on screen, or fetched ahead of the scroll; undefined for a
 * page not yet arrived); the same array until one changes. Pages no longer wanted past
 * ROW_PAGES_KEPT are dropped.
 */
export function useTraceRowPages(traceId: string, view: string, pages: readonly number[]) {
  const client = useQueryClient();
  const rows = useQueries({ queries: pages.filter((p) => p !== 0).map((p) => traceRowsQueryOptions(traceId, view, p)), combine: rowsOfPages });
  useEffect(() => dropIdleRowPages(client, traceId), [client, traceId, view, pages]);
  return rows;
}

const traceSpanQueryOptions = (traceId: string, spanId: string, view: string) =>
  queryOptions({
    queryKey: queryKeys.traceSpan(traceId, spanId, view),
    queryFn: () => fetchJson<SpanLocation>(withView(`${base(traceId)}/spans/${spanId}`, view)),
    retry: retryUnless4xx(2),
    staleTime: Infinity,
  });

export const useTraceSpan = (traceId: string, spanId: string | null, view: string) =>
  useQuery({ ...traceSpanQueryOptions(traceId, spanId ?? "", view), enabled: spanId !== null });

export type FindAnswer = SpanLocation | { span: null };

/** The next (previous) failing span, or search match, after `from`. */
export async function findTraceSpan(
  traceId: string,
  view: string,
  find: { from: string | null; direction: "next" | "previous"; kind: "failure" | "match" },
): Promise<FindAnswer> {
  const extra: Record<string, string> = { direction: find.direction, kind: find.kind };
  if (find.from) extra.from = find.from;
  return fetchJson<FindAnswer>(withView(`${base(traceId)}/find`, view, extra));
}
