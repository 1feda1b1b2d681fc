"use client";
/** GET /api/snapshots: every saved snapshot, newest first. */
import { queryOptions, useQuery } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import type { SnapshotMeta } from "@/lib/snapshots/snapshot";
import { queryKeys } from "./keys";

const fetchSnapshots = () => fetchJson<{ snapshots: SnapshotMeta[] }>("/api/snapshots").then((r) => r.snapshots);

export const snapshotsQueryOptions = () => queryOptions({ queryKey: queryKeys.snapshots(), queryFn: fetchSnapshots });

export const useSnapshots = () => useQuery(snapshotsQueryOptions());
