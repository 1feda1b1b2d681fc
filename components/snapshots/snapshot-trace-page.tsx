"use client";

import { useEffect } from "react";
import type { Snapshot } from "@/lib/snapshots/snapshot";
import { loadElk } from "@/components/service-map/use-elk-layout";
import { TraceView } from "@/components/trace-page/trace-view";
import { SnapshotBanner } from "./snapshot-banner";

/** The correlated trace page, read-only, from a snapshot's payload. */
export function SnapshotTracePage({ snapshot }: { snapshot: Snapshot }) {
  useEffect(() => {
    loadElk().catch(() => undefined);
  }, []);
  const { trace, logs } = snapshot.payload;
  return <TraceView trace={trace} logs={{ data: logs, error: null, isPending: false }} banner={<SnapshotBanner snapshot={snapshot} />} />;
}
