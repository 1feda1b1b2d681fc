"use client";
/** The home page's list: the 200 most recent traces, refreshed every 30 s. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { queryKeys } from "./keys";
import { fetchTraces } from "./traces";

const fetchRecentTraces = () => fetchTraces("limit=200");

export const recentTracesQueryOptions = () => queryOptions({ queryKey: queryKeys.recentTraces(), queryFn: fetchRecentTraces, refetchInterval: 30_000 });

export const useRecentTraces = () => useQuery(recentTracesQueryOptions());
