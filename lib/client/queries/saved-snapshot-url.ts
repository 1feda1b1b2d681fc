"use client";
/** The /s/{id} path of the last snapshot saved of a trace in this page's life (useSaveSnapshot), or undefined. */
import { useMutationState } from "@tanstack/react-query";
import { mutationKeys } from "./keys";
import type { SavedSnapshot } from "./save-snapshot";

export function useSavedSnapshotUrl(traceId: string): string | undefined {
  const saved = useMutationState({
    filters: { mutationKey: mutationKeys.saveSnapshot(traceId), status: "success" },
    select: (m) => (m.state.data as SavedSnapshot | undefined)?.url,
  });
  return saved.filter(Boolean).at(-1);
}
