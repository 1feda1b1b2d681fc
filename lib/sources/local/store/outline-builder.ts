/**
 * Keeps large traces' stored outlines (outline-store.ts) up to date, off the request path: every
 * scanMs it lists the traces above `fromSpans` spans (started within the last SCAN_WINDOW_MS) whose
 * outline is missing or stale, and sends those whose span count did not change since the previous
 * scan (they have settled) to one worker thread (outline-worker.ts), one at a time. A trace that
 * keeps growing is rebuilt once it settles again.
 */
import { Worker } from "node:worker_threads";
import { log } from "../../../log/logger";
import type { OutlineStore } from "./outline-store";

export interface OutlineWorkerData {
  dataDir: string;
}

export interface OutlineBuilt {
  traceId: string;
  ok: boolean;
  spans: number;
  ms: number;
  message?: string;
}

type SpawnOutlineWorker = (data: OutlineWorkerData) => Worker;

/** Written out in full so that Turbopack builds the worker's entry as a chunk of its own (as writer-thread.ts). */
const spawnOutlineWorker: SpawnOutlineWorker = (data) => new Worker(new URL("./outline-worker.ts", import.meta.url), { workerData: data });

export interface OutlineBuilderOptions {
  /** Traces of more spans than this get a stored outline (TRACE_WINDOW_FROM_SPANS). */
  fromSpans: number;
  scanMs: number;
  /** Traces that started longer ago are not looked at (the scan is an index range of traces_by_start); 7 days by default. */
  windowMs?: number;
  spawn?: SpawnOutlineWorker;
}

const SCAN_WINDOW_MS = 7 * 24 * 3_600_000;

export interface OutlineBuilder {
  /** One scan now (tests); resolves when the builds it started are done. */
  scan(): Promise<void>;
  close(): void;
}

export function startOutlineBuilder(dataDir: string, outlines: OutlineStore, options: OutlineBuilderOptions): OutlineBuilder {
  const spawn = options.spawn ?? spawnOutlineWorker;
  let worker: Worker | null = null;
  let closed = false;
  const seen = new Map<string, number>();
  const waiting = new Map<string, (built: OutlineBuilt) => void>();
  let running: Promise<void> | null = null;

  const workerOf = (): Worker => {
    if (worker) return worker;
    const w = spawn({ dataDir });
    w.unref();
    w.on("message", (built: OutlineBuilt) => {
      waiting.get(built.traceId)?.(built);
      waiting.delete(built.traceId);
    });
    w.on("error", (err) => log().error("outline builder failed", { store: dataDir }, err));
    w.on("exit", () => {
      if (worker === w) worker = null;
      for (const [traceId, done] of waiting) done({ traceId, ok: false, spans: 0, ms: 0, message: "the outline builder exited" });
      waiting.clear();
    });
    return (worker = w);
  };

  const build = (traceId: string) =>
    new Promise<OutlineBuilt>((resolve) => {
      waiting.set(traceId, resolve);
      workerOf().postMessage(traceId);
    });

  async function scanOnce(): Promise<void> {
    const stale = outlines.stale(options.fromSpans, (Date.now() - (options.windowMs ?? SCAN_WINDOW_MS)) * 1000);
    const settled = stale.filter((t) => seen.get(t.traceId) === t.spanCount);
    seen.clear();
    for (const t of stale) seen.set(t.traceId, t.spanCount);
    for (const t of settled) {
      if (closed) return;
      const built = await build(t.traceId);
      if (built.ok) log().info("trace outline stored", { traceId: t.traceId, spans: built.spans, ms: built.ms });
      else log().error("trace outline not stored", { traceId: t.traceId, message: built.message });
    }
  }

  const scan = () => (running ??= scanOnce().finally(() => (running = null)));
  const timer = setInterval(() => {
    if (!running) scan().catch((err: unknown) => log().error("outline scan failed", { store: dataDir }, err));
  }, options.scanMs);
  timer.unref();

  return {
    scan,
    close() {
      closed = true;
      clearInterval(timer);
      void worker?.terminate();
      worker = null;
    },
  };
}
