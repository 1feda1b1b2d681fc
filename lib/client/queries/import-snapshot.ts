"use client";
/** POST /api/snapshots/import: an exported snapshot file, checked by the server (its 400 names what is wrong); the list is fetched again meanwhile. */
import { mutationOptions, useMutation, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { refreshSnapshots } from "./snapshots";

const importSnapshot = (fileText: string) =>
  fetchJson<{ id: string }>("/api/snapshots/import", { method: "POST", headers: { "content-type": "application/json" }, body: fileText });

export const importSnapshotMutationOptions = (client: QueryClient) =>
  mutationOptions({
    mutationFn: importSnapshot,
    onSuccess: () => {
      void refreshSnapshots(client);
    },
  });

export const useImportSnapshot = () => useMutation(importSnapshotMutationOptions(useQueryClient()));
