"use client";
/** /traces: the service names offered by the search form, those of the service graph of the search's window. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { searchWindow, type TraceSearchState } from "@/lib/trace-search-state";
import { queryKeys } from "./keys";
import { fetchServiceGraph } from "./service-graph";

async function fetchSearchServices(state: TraceSearchState): Promise<string[]> {
  const window = searchWindow(state, Date.now());
  if (!window) return [];
  const graph = await fetchServiceGraph(window);
  return [...new Set(graph.nodes.filter((n) => n.type !== "client").map((n) => n.name))].sort();
}

export const searchServicesQueryOptions = (state: TraceSearchState) =>
  queryOptions({ queryKey: queryKeys.searchServices(state.last, state.from, state.to), queryFn: () => fetchSearchServices(state), retry: false });

export const useSearchServices = (state: TraceSearchState) => useQuery(searchServicesQueryOptions(state));
