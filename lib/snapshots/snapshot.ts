/**
 * A snapshot: one trace, its logs and its service graph as they were when someone saved them, kept
 * in the embedded store so that a postmortem's link outlives X-Ray retention and log-group expiry.
 */
import type { LogsResult, ServiceGraph, Trace } from "../model";

type SnapshotSource = "local" | "aws";

export interface SnapshotPayload {
  trace: Trace;
  logs: LogsResult;
  serviceGraph: ServiceGraph;
}

/** What a list shows: everything but the payload. */
export interface SnapshotMeta {
  id: string;
  title: string;
  note: string;
  /** Epoch milliseconds of the capture. */
  createdAt: number;
  source: SnapshotSource;
  /** Who saved it, from the authenticating proxy's header; null when unknown. */
  capturedBy: string | null;
  /** 32 lowercase hex digits. */
  traceId: string;
  spanCount: number;
  logCount: number;
  logsStatus: LogsResult["status"];
}

export interface Snapshot extends SnapshotMeta {
  payload: SnapshotPayload;
}

export interface NewSnapshot {
  title: string;
  note: string;
  createdAt: number;
  source: SnapshotSource;
  capturedBy: string | null;
  payload: SnapshotPayload;
}
