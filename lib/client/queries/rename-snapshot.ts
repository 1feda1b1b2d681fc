"use client";
/** PATCH /api/snapshots/{id}: a new title; the list is fetched again before the promise settles. */
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { refreshSnapshots } from "./snapshots";

const renameSnapshot = (id: string, title: string) =>
  fetchJson(`/api/snapshots/${encodeURIComponent(id)}`, { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify({ title }) });

export const renameSnapshotMutationOptions = (client: QueryClient) =>
  mutationOptions({
    mutationFn: ({ id, title }: { id: string; title: string }) => renameSnapshot(id, title),
    onSuccess: () => refreshSnapshots(client),
  });

export const useRenameSnapshot = () => useMutation(renameSnapshotMutationOptions(useQueryClient()));
