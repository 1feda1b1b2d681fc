"use client";

import type { Snapshot } from "@/lib/snapshots/snapshot";
import { TraceView } from "@/components/trace-page/trace-view";
import { SnapshotBanner } from "./snapshot-banner";

/** The correlated trace page, read-only, from a snapshot's payload. */
export function SnapshotTracePage({ snapshot }: { snapshot: Snapshot }) {
  const { trace, logs } = snapshot.payload;
  return <TraceView trace={trace} logs={{ data: logs, error: null, isPending: false }} banner={<SnapshotBanner snapshot={snapshot} />} />;
}
