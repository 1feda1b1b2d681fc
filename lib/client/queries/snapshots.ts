"use client";
/** GET /api/snapshots: every saved snapshot, newest first. */
import { queryOptions, useQuery, type QueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SnapshotMeta } from "@/lib/snapshots/snapshot";
import { queryKeys } from "./keys";

const fetchSnapshots = () => fetchJson<{ snapshots: SnapshotMeta[] }>("/api/snapshots").then((r) => r.snapshots);

export const snapshotsQueryOptions = () => queryOptions({ queryKey: queryKeys.snapshots(), queryFn: fetchSnapshots });

export const useSnapshots = () => useQuery(snapshotsQueryOptions());

/**
 * After a write (import, rename, delete): the list read again. A read still in flight began
 * before the write, so it is cancelled rather than waited on: React Query starts afresh only a
 * query that already has data, and would otherwise show the answer of a read that missed the write
 * (a file imported while the page's first list was still loading stayed missing).
 */
export async function refreshSnapshots(client: QueryClient): Promise<void> {
  await client.cancelQueries({ queryKey: queryKeys.snapshots() });
  await client.invalidateQueries({ queryKey: queryKeys.snapshots() });
}
