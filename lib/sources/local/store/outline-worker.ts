/**
 * The outline builder's thread (a worker_threads Worker started by outline-builder.ts): its own
 * connection to the store. Every scanMs, and when asked (a `scan` message, answered `scanned`), it
 * lists the large traces whose stored outline is missing or stale, and builds the outline of each
 * (reads the trace lean, builds, stores: outline-store.ts) that has settled (its span count is the
 * same as at the previous scan) or, from `growingFromSpans` spans, outgrown what is stored (no
 * outline yet, or GROWTH times the spans of the one stored), reporting each build (`built`: the
 * span count built from and the time taken). A large trace still receiving spans therefore has an
 * outline of at least a quarter of its spans to show (a page serves the latest one stored, marked
 * partial), at a cost of at most a third more than the final build, spread over its arrival.
 * A trace whose outline another thread has claimed (the outline query thread, storing what a page's
 * first load built) is left to it.
 */
import { randomUUID } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { due, type FromOutlineWorker, type OutlineBuilt, type OutlineWorkerData, type ToOutlineWorker } from "./outline-builder";
import { openDatabase } from "./open-database";
import { createOutlineStore } from "./outline-store";

const { dataDir, fromSpans, growingFromSpans, scanMs, windowMs } = workerData as OutlineWorkerData;
const port = parentPort!;
const outlines = createOutlineStore(openDatabase(dataDir));
/** Span counts of the stale traces at the previous scan. */
let seen = new Map<string, number>();

const OWNER = `builder:${randomUUID()}`;

/**
 * The pause between two transactions of a save. A writer kept waiting by SQLite's busy handler
 * retries at growing intervals (50 ms apart after its first 130 ms), so back-to-back save transactions would hold
 * ingest off for the whole save; this gap lets it in.
 */
const SAVE_GAP_MS = 25;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const pause = () => void Atomics.wait(sleeper, 0, 0, SAVE_GAP_MS);

function build(traceId: string): OutlineBuilt | null {
  const t0 = performance.now();
  try {
    const spans = outlines.build(traceId, OWNER, pause);
    return spans === null ? null : { traceId, ok: true, spans, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    return { traceId, ok: false, spans: 0, ms: Math.round(performance.now() - t0), message: err instanceof Error ? err.message : String(err) };
  }
}

function scan(): void {
  try {
    const stale = outlines.stale(fromSpans, (Date.now() - windowMs) * 1000);
    const previous = seen;
    seen = new Map(stale.map((t) => [t.traceId, t.spanCount]));
    for (const t of stale) {
      if (!due(t, previous.get(t.traceId), growingFromSpans)) continue;
      const built = build(t.traceId);
      if (built) port.postMessage({ type: "built", built } satisfies FromOutlineWorker);
      // Spans that arrived during the build are now what the next scan compares with: a trace that
      // stopped growing meanwhile is then settled at the next scan, not one later.
      const now = outlines.spanCount(t.traceId);
      if (now !== null) seen.set(t.traceId, now);
    }
  } catch (err) {
    port.postMessage({ type: "failed", message: err instanceof Error ? err.message : String(err) } satisfies FromOutlineWorker);
  }
}

// The next scan scanMs after this one ends, not after it began: a build takes seconds, and a scan
// right after it would see the span count recorded at its end unchanged, and build again.
const scanThenWait = () => {
  scan();
  setTimeout(scanThenWait, scanMs);
};
setTimeout(scanThenWait, scanMs);
port.on("message", (message: ToOutlineWorker) => {
  scan();
  port.postMessage({ type: "scanned", id: message.id } satisfies FromOutlineWorker);
});
