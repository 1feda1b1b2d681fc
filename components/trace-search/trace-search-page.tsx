"use client";

import { useCallback } from "react";
import { useHealth } from "@/lib/client/queries/health";
import { useSearchServices } from "@/lib/client/queries/search-services";
import { SEARCH_LIMIT, useTraceSearch } from "@/lib/client/queries/trace-search";
import { useUrlState } from "@/lib/client/use-url-state";
import { DEFAULT_SORT, serializeSearchState, traceSearchUrl, type TraceSearchState } from "@/lib/trace-search-state";
import { PivotChips } from "./pivot-chips";
import { SearchForm } from "./search-form";
import { SearchResults } from "./search-results";

export function TraceSearchPage() {
  // A new search is a history entry (Back returns to the previous one); a new sort is not.
  const [{ state, problem }, setSearch] = useUrlState(traceSearchUrl, "push");
  const navigate = useCallback((next: TraceSearchState) => setSearch({ state: next, problem: null }), [setSearch]);
  const replace = useCallback((next: TraceSearchState) => setSearch({ state: next, problem: null }, { history: "replace" }), [setSearch]);
  // The form is reset to each new search (not to a new sort).
  const formKey = serializeSearchState({ ...state, sort: DEFAULT_SORT }).toString();

  const health = useHealth();
  const traces = useTraceSearch(state);
  const services = useSearchServices(state);

  return (
    <main className="flex flex-col gap-4 p-4">
      <h1 className="text-lg font-semibold">Trace search</h1>
      <SearchForm
        key={formKey}
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
