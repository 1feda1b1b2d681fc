"use client";
/** DELETE /api/snapshots/{id}; the list is fetched again before the promise settles. */
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { refreshSnapshots } from "./snapshots";

const deleteSnapshot = (id: string) => fetchJson(`/api/snapshots/${encodeURIComponent(id)}`, { method: "DELETE" });

export const deleteSnapshotMutationOptions = (client: QueryClient) =>
  mutationOptions({ mutationFn: deleteSnapshot, onSuccess: () => refreshSnapshots(client) });

export const useDeleteSnapshot = () => useMutation(deleteSnapshotMutationOptions(useQueryClient()));
