"use client";
/** GET /api/health: which source is behind the server (it never changes while the page is open). */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { queryKeys } from "./keys";

interface Health {
  source: "local" | "aws";
}

const fetchHealth = () => fetchJson<Health>("/api/health");

export const healthQueryOptions = () => queryOptions({ queryKey: queryKeys.health(), queryFn: fetchHealth, staleTime: Number.POSITIVE_INFINITY });

export const useHealth = () => useQuery(healthQueryOptions());
