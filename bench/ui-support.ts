/** What bench/ui.ts and bench/ui-profile.ts share: the browser, the viewport, the test data. */
import type { LaunchOptions } from "@playwright/test";
import type { AppServer } from "../e2e/support/app-server";
import { buildLargeTrace } from "../e2e/support/large-trace";
import { logsRequest, tracesRequest } from "../e2e/support/otlp-json";

/** Debian's Chromium with the flags this closed network needs; never a downloaded browser. */
export const CHROMIUM: LaunchOptions = {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
};

export const VIEWPORT = { width: 1440, height: 900 };

/** Spans (and log lines) per OTLP/JSON request: ~1.5 MB, far under the 16 MiB body limit. */
const CHUNK_SPANS = 5000;

export interface IngestedTrace {
  traceId: string;
  spans: number;
  ingestSeconds: number;
  /** GET /api/traces/{id} and …/logs from Node: the server's share, and the bodies. */
  apiTraceMs: number;
  apiLogsMs: number;
  traceText: string;
  logsText: string;
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  if (res.status !== 200) throw new Error(`POST ${url} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
}

/** Ingests a generated trace of `spanCount` spans and one log line per span over OTLP/JSON, and checks it reads back whole. */
export async function ingestTrace(server: AppServer, spanCount: number): Promise<IngestedTrace> {
  const { traceId, spans, logs } = buildLargeTrace(spanCount);
  const t0 = performance.now();
  for (let i = 0; i < spans.length; i += CHUNK_SPANS) {
    await post(`${server.url}/v1/traces`, tracesRequest(spans.slice(i, i + CHUNK_SPANS)));
    await post(`${server.url}/v1/logs`, logsRequest(logs.slice(i, i + CHUNK_SPANS)));
  }
  const ingestSeconds = (performance.now() - t0) / 1000;

  const t1 = performance.now();
  const traceRes = await fetch(`${server.url}/api/traces/${traceId}`);
  const traceText = await traceRes.text();
  const apiTraceMs = performance.now() - t1;
  const got = (JSON.parse(traceText) as { trace?: { spans: unknown[] } }).trace?.spans.length;
  if (traceRes.status !== 200 || got !== spanCount)
    throw new Error(`GET /api/traces/${traceId} answered ${traceRes.status} with ${got} spans, expected ${spanCount}`);

  const t2 = performance.now();
  const logsRes = await fetch(`${server.url}/api/traces/${traceId}/logs`);
  const logsText = await logsRes.text();
  const apiLogsMs = performance.now() - t2;
  const logsBody = JSON.parse(logsText) as { events?: unknown[]; status?: string };
  if (logsRes.status !== 200 || logsBody.events?.length !== spanCount) {
    throw new Error(
      `GET /api/traces/${traceId}/logs answered ${logsRes.status} with ${logsBody.events?.length} events (${logsBody.status}), expected ${spanCount}`,
    );
  }
  return { traceId, spans: spanCount, ingestSeconds, apiTraceMs, apiLogsMs, traceText, logsText };
}

/** Resolves with `fallback` if `promise` has not settled within `timeoutMs` (for reads from a page that may be stuck). */
export function within<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  return Promise.race([promise, new Promise<T>((resolve) => setTimeout(() => resolve(fallback), timeoutMs).unref())]);
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export const ms = (v: number) => (Number.isFinite(v) ? (v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toFixed(1)) : "n/a");
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const count = (n: number) => n.toLocaleString("en-US");
