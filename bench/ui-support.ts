/**
 * What the browser benches (bench/ui*.ts, bench/jaeger-side-by-side.ts) share: the browser, the
 * viewport, the test data, an app server with a browser for one run, and what they measure alike
 * (scroll frame statistics, the JS heap over CDP).
 */
import { chromium, type Browser, type BrowserContext, type LaunchOptions, type Page } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "../e2e/support/app-server";
import { buildLargeTrace } from "../e2e/support/large-trace";
import { logsRequest, tracesRequest } from "../e2e/support/otlp-json";
import { percentileSorted } from "../lib/analysis/percentile";
import type { ScrollRun } from "./ui-page";

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

/** A scroll run's frame-to-frame figures (nearest-rank percentiles of the requestAnimationFrame deltas, ms). */
export interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  frames: number;
  /** Frames longer than 1.5 refresh intervals of 60 Hz. */
  dropped: number;
  longTasks: number;
  longTaskMs: number;
  distance: number;
}

export function frameStats(run: ScrollRun): FrameStats {
  const d = [...run.deltas].sort((a, b) => a - b);
  return {
    p50: percentileSorted(d, 50),
    p95: percentileSorted(d, 95),
    max: d.length ? d[d.length - 1] : NaN,
    frames: d.length,
    dropped: d.filter((x) => x > 1.5 * (1000 / 60)).length,
    longTasks: run.longTasks,
    longTaskMs: run.longTaskMs,
    distance: run.distance,
  };
}

/** The page's used JS heap by Runtime.getHeapUsage over CDP: exact (performance.memory is bucketed in Chromium). */
export async function cdpHeapBytes(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  try {
    return (await cdp.send("Runtime.getHeapUsage")).usedSize;
  } finally {
    await cdp.detach();
  }
}

/** Runs `fn` with the app server on `port` over a fresh store in `dataDir` and Chromium; stops both after. */
export async function withAppAndBrowser(port: number, dataDir: string, fn: (server: AppServer, browser: Browser) => Promise<void>): Promise<void> {
  const server = await startAppServer(port, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
  const browser = await chromium.launch(CHROMIUM);
  try {
    await fn(server, browser);
  } finally {
    await browser.close();
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
}

/** The fields of a Chrome performance trace's event that selfTimes reads. */
export interface TimedEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

/** Self time (µs) per key (`keyOf`: the event's name unless told) of one thread's complete events, clipped to [from, to]. */
export function selfTimes<E extends TimedEvent>(
  events: E[],
  pid: number,
  tid: number,
  from: number,
  to: number,
  keyOf: (e: E) => string = (e) => e.name,
): Map<string, number> {
  const list = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === "X" && e.dur !== undefined && e.ts < to && e.ts + (e.dur ?? 0) > from)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const self = new Map<string, number>();
  const stack: E[] = [];
  for (const e of list) {
    const end = e.ts + (e.dur ?? 0);
    while (stack.length && stack[stack.length - 1].ts + (stack[stack.length - 1].dur ?? 0) <= e.ts) stack.pop();
    const clipped = Math.max(0, Math.min(to, end) - Math.max(from, e.ts));
    self.set(keyOf(e), (self.get(keyOf(e)) ?? 0) + clipped);
    const parent = stack[stack.length - 1];
    if (parent && end <= parent.ts + (parent.dur ?? 0)) self.set(keyOf(parent), (self.get(keyOf(parent)) ?? 0) - clipped);
    stack.push(e);
  }
  return self;
}
