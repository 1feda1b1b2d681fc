"use client";
/** /traces: the traces matching the search in the URL (at most SEARCH_LIMIT), always fetched afresh. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { DEFAULT_SORT, searchApiQuery, serializeSearchState, type TraceSearchState } from "@/lib/trace-search-state";
import { queryKeys } from "./keys";
import { retryUnless4xx } from "./retry";
import { fetchTraces } from "./traces";

/** The most traces one search shows: enough for a histogram, few enough for one table. */
export const SEARCH_LIMIT = 500;

/** Relative windows ("last 1h") resolve against the clock when the request is made. */
const fetchTraceSearch = (state: TraceSearchState) => fetchTraces(searchApiQuery(state, Date.now(), SEARCH_LIMIT));

/** Keyed by the search without its sort (the table sorts; the API need not), in a stable order. */
export const traceSearchQueryOptions = (state: TraceSearchState) =>
  queryOptions({
    queryKey: queryKeys.traceSearch(serializeSearchState({ ...state, sort: DEFAULT_SORT }).toString()),
    queryFn: () => fetchTraceSearch(state),
    retry: retryUnless4xx(1),
    staleTime: 0,
  });

export const useTraceSearch = (state: TraceSearchState) => useQuery(traceSearchQueryOptions(state));
