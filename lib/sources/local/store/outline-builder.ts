/**
 * Keeps large traces' stored outlines (outline-store.ts) up to date, off the request path. One
 * worker thread (outline-worker.ts) with its own connection does all of it: every scanMs it lists
 * the traces above `fromSpans` spans (started within the last SCAN_WINDOW_MS) whose outline is
 * missing or stale, and builds, one at a time, those `due`: settled (the span count did not change
 * since the previous scan), or, from `growingFromSpans` spans, outgrown (no outline yet, or GROWTH
 * times the spans of the stored one). A large trace still growing thus has an outline of at least
 * a quarter of its spans to show meanwhile.
 * The server's thread only starts the worker and logs what it reports: the scan's query (an index
 * range of traces_by_start over every trace of the window) never runs where requests are answered.
 */
import { Worker } from "node:worker_threads";
import { log } from "../../../log/logger";

export interface OutlineWorkerData {
  dataDir: string;
  fromSpans: number;
  growingFromSpans: number;
  scanMs: number;
  windowMs: number;
}

export interface OutlineBuilt {
  traceId: string;
  ok: boolean;
  spans: number;
  ms: number;
  message?: string;
}

export type ToOutlineWorker = { type: "scan"; id: number };
/**
 * A growing trace's outline is built again once the trace has this many times the spans of the one
 * stored. Each build reads the trace on the cores that take its ingest: with 4, the builds while a
 * million spans arrive add up to a third of the last one (with 2, as much again), and the million
 * spans' ingest took 8 % longer (bench:ui, BENCHMARKS "Session 16").
 */
const GROWTH = 4;

/**
 * Build now: the trace has settled since the previous scan, or (from `growingFromSpans` spans) has
 * outgrown its stored outline: none is stored, or it has GROWTH times the spans of the one stored.
 */
export const due = (t: { spanCount: number; laidOut: number | null }, previousCount: number | undefined, growingFromSpans: number): boolean =>
  previousCount === t.spanCount || (t.spanCount >= growingFromSpans && (t.laidOut === null || t.spanCount >= GROWTH * t.laidOut));

export type FromOutlineWorker = { type: "built"; built: OutlineBuilt } | { type: "scanned"; id: number } | { type: "failed"; message: string };

type SpawnOutlineWorker = (data: OutlineWorkerData) => Worker;

/** Written out in full so that Turbopack builds the worker's entry as a chunk of its own (as writer-thread.ts). */
const spawnOutlineWorker: SpawnOutlineWorker = (data) => new Worker(new URL("./outline-worker.ts", import.meta.url), { workerData: data });

export interface OutlineBuilderOptions {
  /** Traces of more spans than this get a stored outline (TRACE_WINDOW_FROM_SPANS). */
  fromSpans: number;
  /**
   * Traces of this many spans are laid out while they still grow (`due`: TRACE_GROWING_FROM_SPANS);
   * smaller ones once they settle. A page's own build of a smaller trace is quick, and laying
   * out every trace as it grows would double the builder's work on each.
   */
  growingFromSpans: number;
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

export function startOutlineBuilder(dataDir: string, options: OutlineBuilderOptions): OutlineBuilder {
  const spawn = options.spawn ?? spawnOutlineWorker;
  const data: OutlineWorkerData = {
    dataDir,
    fromSpans: options.fromSpans,
    growingFromSpans: options.growingFromSpans,
    scanMs: options.scanMs,
    windowMs: options.windowMs ?? SCAN_WINDOW_MS,
  };
  let worker: Worker | null = null;
  let closed = false;
  let nextScan = 1;
  const scans = new Map<number, () => void>();

  const onMessage = (message: FromOutlineWorker) => {
    if (message.type === "scanned") {
      scans.get(message.id)?.();
      scans.delete(message.id);
    } else if (message.type === "failed") {
      log().error("outline scan failed", { store: dataDir, message: message.message });
    } else if (message.built.ok) {
      log().info("trace outline stored", { traceId: message.built.traceId, spans: message.built.spans, ms: message.built.ms });
    } else {
      log().error("trace outline not stored", { traceId: message.built.traceId, message: message.built.message });
    }
  };

  const start = (): Worker => {
    const w = spawn(data);
    w.unref();
    w.on("message", onMessage);
    w.on("error", (err) => log().error("outline builder failed", { store: dataDir }, err));
    w.on("exit", () => {
      if (worker === w) worker = null;
      // A scan in flight is over: the outlines it had not built wait for the next worker's scans.
      for (const done of scans.values()) done();
      scans.clear();
    });
    return w;
  };
  worker = start();
  // A worker that stopped (an error, a crash) is started again at the next scan's time.
  const timer = setInterval(() => {
    if (!worker && !closed) worker = start();
  }, options.scanMs);
  timer.unref();

  return {
    scan() {
      if (closed) return Promise.resolve();
      worker ??= start();
      const id = nextScan++;
      const done = new Promise<void>((resolve) => scans.set(id, resolve));
      worker.postMessage({ type: "scan", id } satisfies ToOutlineWorker);
      return done;
    },
    close() {
      closed = true;
      clearInterval(timer);
      void worker?.terminate();
      worker = null;
    },
  };
}
