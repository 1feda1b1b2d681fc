/**
 * Captures a trace for a snapshot: the trace, its logs once the search settles (Logs Insights
 * answers "running" for seconds; waited for up to `waitMs`), and the trace's service graph.
 */
import { buildServiceGraph } from "../analysis/service-graph";
import type { LogsResult } from "../model";
import type { Source } from "../sources/source";
import type { ParsedTraceId } from "../trace-id";
import type { SnapshotPayload } from "./snapshot";

export interface CaptureOptions {
  waitMs: number;
  pollMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What capturing needs of a source. */
export type CaptureSource = Pick<Source, "getTrace" | "getTraceLogs">;

async function settledLogs(source: CaptureSource, id: ParsedTraceId, options: CaptureOptions): Promise<LogsResult> {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const deadline = now() + options.waitMs;
  let logs = await source.getTraceLogs(id);
  while (logs.status === "running" && now() < deadline) {
    await sleep(options.pollMs);
    logs = await source.getTraceLogs(id);
  }
  if (logs.status !== "running") return logs;
  // A snapshot never changes again: a search still running is stored as the partial answer it is.
  const seconds = Math.round(options.waitMs / 1000);
  return {
    ...logs,
    status: "partial",
    message: `The logs search was still running ${seconds} s after the snapshot started; these are the lines found by then.`,
  };
}

/** null when the source has no such trace. */
export async function captureTrace(source: CaptureSource, id: ParsedTraceId, options: CaptureOptions): Promise<SnapshotPayload | null> {
  const [trace, logs] = await Promise.all([source.getTrace(id), settledLogs(source, id, options)]);
  if (!trace) return null;
  return { trace, logs, serviceGraph: buildServiceGraph(trace.spans) };
}
