"use client";

import { useCallback, useMemo } from "react";
import { useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/lib/client/fetch-json";
import type { ServiceGraph, TraceSummary } from "@/lib/model";
import { DEFAULT_SORT, parseSearchState, searchApiQuery, searchWindow, serializeSearchState, type TraceSearchState } from "@/lib/trace-search-state";
import { PivotChips } from "./pivot-chips";
import { SearchForm } from "./search-form";
import { SearchResults } from "./search-results";

/** The most traces one search shows: enough for a histogram, few enough for one table. */
const SEARCH_LIMIT = 500;

/** A caller's mistake (4xx) is not retried: the answer would be the same. */
const retryUnlessBadRequest = (failures: number, error: Error) => !(error instanceof ApiRequestError && error.status < 500) && failures < 1;

export function TraceSearchPage() {
  const searchParams = useSearchParams();
  const urlKey = searchParams.toString();
  const { state, problem } = useMemo(() => parseSearchState(new URLSearchParams(urlKey)), [urlKey]);
  // The search without its sort (the table sorts; the API need not), in a stable order.
  const searchKey = serializeSearchState({ ...state, sort: DEFAULT_SORT }).toString();

  const navigate = useCallback((next: TraceSearchState) => {
    const qs = serializeSearchState(next).toString();
    window.history.pushState(null, "", `/traces${qs ? `?${qs}` : ""}`);
  }, []);
  const replace = useCallback((next: TraceSearchState) => {
    const qs = serializeSearchState(next).toString();
    window.history.replaceState(null, "", `/traces${qs ? `?${qs}` : ""}`);
  }, []);

  const health = useQuery({
    queryKey: ["health"],
    queryFn: () => fetchJson<{ source: "local" | "aws" }>("/api/health"),
    staleTime: Number.POSITIVE_INFINITY,
  });

  const traces = useQuery({
    queryKey: ["trace-search", searchKey],
    queryFn: () => fetchJson<{ traces: TraceSummary[] }>(`/api/traces?${searchApiQuery(state, Date.now(), SEARCH_LIMIT)}`),
    retry: retryUnlessBadRequest,
    staleTime: 0,
  });

  const services = useQuery({
    queryKey: ["trace-search-services", state.last, state.from, state.to],
    queryFn: async () => {
      const window = searchWindow(state, Date.now());
      if (!window) return [];
      const graph = await fetchJson<ServiceGraph>(`/api/service-graph?from=${window.from}&to=${window.to}`);
      return [...new Set(graph.nodes.filter((n) => n.type !== "client").map((n) => n.name))].sort();
    },
    retry: false,
  });

  return (
    <main className="flex flex-col gap-4 p-4">
      <h1 className="text-lg font-semibold">Trace search</h1>
      <SearchForm
        key={searchKey}
        state={state}
        serviceNames={services.data ?? []}
        aws={health.data?.source === "aws"}
        onSearch={navigate}
        onRefresh={() => void traces.refetch()}
        refreshing={traces.isFetching}
      />
      <PivotChips state={state} onChange={navigate} />
      {problem && (
        <p
          role="alert"
          data-testid="search-problem"
          className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-200"
        >
          Part of this link was not understood and was ignored — {problem}
        </p>
      )}
      <SearchResults
        state={state}
        traces={traces.data?.traces ?? null}
        error={traces.error}
        limit={SEARCH_LIMIT}
        onDurationRange={(range) => navigate({ ...state, ...range })}
        onSort={(sort) => replace({ ...state, sort })}
      />
    </main>
  );
}
