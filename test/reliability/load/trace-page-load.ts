/**
 * One trace-page load over the API, as components/trace-page fetches it: GET /api/traces/{id} and
 * GET /api/traces/{id}/logs?waitMs=0 at once, then the logs long-polled (?waitMs=1000, 50 ms
 * apart) while the search is running; GET /api/health, and in aws mode
 * GET /api/traces/{id}/aws-links (the header's links). Every answer other than 200, and logs that
 * end other than "complete", count as errors in the recorder.
 */
import type { LogsResult, Trace } from "../../../lib/model";
import { LatencyRecorder, timedJson } from "./latency";

const LOGS_LONG_POLL_MS = 1000;
const LOGS_REFETCH_GAP_MS = 50;
/** A page whose logs are still running after this counts as an error. */
const LOGS_GIVE_UP_MS = 30_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface PageLoadOptions {
  base: string;
  traceId: string;
  mode: "local" | "aws";
  recorder: LatencyRecorder;
  /** Spans the trace must have (checked when given). */
  expectSpans?: number;
}

async function loadLogs({ base, traceId, recorder }: PageLoadOptions): Promise<void> {
  const started = Date.now();
  let wait = 0;
  for (;;) {
    const logs = await timedJson<LogsResult>(recorder, "GET /api/traces/{id}/logs", `${base}/api/traces/${traceId}/logs?waitMs=${wait}`);
    if (!logs) return;
    if (logs.status === "complete") return;
    if (logs.status !== "running") {
      recorder.error("GET /api/traces/{id}/logs", `logs ended ${logs.status}: ${logs.message ?? ""}`);
      return;
    }
    if (Date.now() - started > LOGS_GIVE_UP_MS) {
      recorder.error("GET /api/traces/{id}/logs", `still running after ${LOGS_GIVE_UP_MS / 1000} s`);
      return;
    }
    wait = LOGS_LONG_POLL_MS;
    await sleep(LOGS_REFETCH_GAP_MS);
  }
}

async function loadTrace({ base, traceId, recorder, expectSpans }: PageLoadOptions): Promise<void> {
  const body = await timedJson<{ trace: Trace }>(recorder, "GET /api/traces/{id}", `${base}/api/traces/${traceId}`);
  if (body && expectSpans !== undefined && body.trace.spans.length !== expectSpans) {
    recorder.error("GET /api/traces/{id}", `${traceId} has ${body.trace.spans.length} spans, expected ${expectSpans}`);
  }
}

export async function loadTracePage(options: PageLoadOptions): Promise<void> {
  const { base, traceId, recorder, mode } = options;
  await Promise.all([
    loadTrace(options),
    loadLogs(options),
    timedJson(recorder, "GET /api/health", `${base}/api/health`),
    mode === "aws" ? timedJson(recorder, "GET /api/traces/{id}/aws-links", `${base}/api/traces/${traceId}/aws-links`) : null,
  ]);
}

/**
 * Users arrive over this long rather than in the same millisecond: 100 clients opening ~300
 * connections at once measured the kernel's and the event loop's accept backlog on a busy machine
 * (first answers after up to 15 s), not the app.
 */
export const RAMP_UP_MS = 2000;

/**
 * `clients` concurrent users, arriving evenly over RAMP_UP_MS, each loading trace pages back to
 * back (the trace from `pick`) until `durationMs` has passed. Resolves with the number of page loads.
 */
export async function runPageLoadClients(clients: number, durationMs: number, pick: () => string, options: Omit<PageLoadOptions, "traceId">): Promise<number> {
  const until = Date.now() + durationMs;
  let pages = 0;
  const client = async (n: number) => {
    await sleep((RAMP_UP_MS * n) / clients);
    while (Date.now() < until) {
      await loadTracePage({ ...options, traceId: pick() });
      pages++;
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, n) => client(n)));
  return pages;
}
