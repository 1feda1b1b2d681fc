"use client";
/** POST /api/snapshots: stores a trace with its logs and map; answers the /s/{id} link. */
import { mutationOptions, useMutation } from "@tanstack/react-query";
import { fetchJson } from "@/lib/client/fetch-json";
import { mutationKeys } from "./keys";

export interface SavedSnapshot {
  id: string;
  url: string;
  logs: { status: string; events: number; message?: string };
}

export interface SnapshotFields {
  title: string;
  note: string;
}

const saveSnapshot = (traceId: string, fields: SnapshotFields) =>
  fetchJson<SavedSnapshot>("/api/snapshots", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ traceId, title: fields.title, note: fields.note }),
  });

/** Keyed by the trace, so that Copy summary finds the link saved of it (useSavedSnapshotUrl). */
export const saveSnapshotMutationOptions = (traceId: string) =>
  mutationOptions({ mutationKey: mutationKeys.saveSnapshot(traceId), mutationFn: (fields: SnapshotFields) => saveSnapshot(traceId, fields) });

export const useSaveSnapshot = (traceId: string) => useMutation(saveSnapshotMutationOptions(traceId));
