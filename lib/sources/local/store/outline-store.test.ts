/**
 * Stored outlines (outline-store.ts): what is stored answers as the outline in memory does, goes
 * stale when the trace grows, is deleted with its trace, and is built by the worker once a trace
 * settles (outline-builder.ts).
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import Database from "better-sqlite3";
import { describe, expect, it, onTestFinished } from "vitest";
import { buildTraceOutline, outlineRowRecord, outlineSummary, viewRows, windowFromRecords, windowOf } from "../../../analysis/trace-outline";
import { traceFromSpans } from "../trace-from-spans";
import { due, startOutlineBuilder } from "./outline-builder";
import { DB_FILE_NAME } from "./open-database";
import { CLAIM_MS } from "./outline-store";
import { openStore } from "./store";
import { batch, fanOutTrace, KEEP_EVERYTHING, span, spanId, T0_MS, T0_US, tempDir, testStore, traceId } from "./test-helpers";

const T = traceId(21);

/** Outline rows in the store, of every trace and generation. */
function storedRowCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM outline_rows").get() as { n: number }).n;
  } finally {
    db.close();
  }
}

describe("a stored outline", () => {
  it("answers the unfiltered view's windows and summary as the outline in memory does", () => {
    const store = testStore();
    store.write(batch({ spans: fanOutTrace(T, 6, 9) }));
    expect(store.outlines.header(T)).toBeNull();
    expect(store.outlines.build(T)).toBe(1 + 6 * 10);

    const memory = buildTraceOutline(traceFromSpans(T, store.getTraceSpans(T))!);
    const header = store.outlines.header(T)!;
    expect(header.spanCount).toBe(61);
    expect(header.summary).toEqual(JSON.parse(JSON.stringify(outlineSummary(memory))));

    const stored = store.outlines.rows(T, 0, 61)!.records;
    expect(store.outlines.rows(T, 0, 61)?.spanCount).toBe(61);
    expect(stored).toEqual(memory.rows.map((_, i) => outlineRowRecord(memory, i)));
    expect(stored.some((r) => r.onCriticalPath) && stored.some((r) => r.descendantFailures > 0)).toBe(true);

    const plain = { query: "", service: null, collapsed: new Set<string>() };
    const spans = new Map(store.getTraceSpans(T).map((s) => [s.spanId, s]));
    for (const [offset, limit] of [
      [0, 20],
      [15, 30],
      [55, 200],
    ]) {
      const expected = windowOf(memory, plain, viewRows(memory, plain), offset, limit);
      expect(windowFromRecords(offset, store.outlines.rows(T, offset, offset + limit)!.records, spans)).toEqual(expected);
    }
  });

  it("is stale once the trace grows, listed for a rebuild, and answered meanwhile as laid out so far", () => {
    const dataDir = tempDir();
    const store = testStore(KEEP_EVERYTHING, dataDir);
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    store.outlines.build(T);
    expect(store.outlines.stale(20, 0)).toEqual([]);
    const before = store.outlines.rows(T, 0, 100)!.records;
    store.write(batch({ spans: [span({ traceId: T, spanId: spanId(999), parentSpanId: spanId(1), startUs: T0_US + 5, endUs: T0_US + 6 })] }));
    // The older outline is still what is read, with the trace's span count now beside it.
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 31, traceSpanCount: 32 });
    expect(store.outlines.rows(T, 0, 100)).toEqual({ spanCount: 31, records: before });
    expect(store.outlines.stale(20, 0)).toEqual([{ traceId: T, spanCount: 32, laidOut: 31 }]);
    expect(store.outlines.stale(40, 0)).toEqual([]);
    expect(store.outlines.stale(20, (T0_MS + 1) * 1000)).toEqual([]);
    store.outlines.build(T);
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 32, traceSpanCount: 32 });
    expect(store.outlines.rows(T, 0, 100)?.records).toHaveLength(32);
    // The older generation's rows are gone.
    expect(storedRowCount(dataDir)).toBe(32);
  });

  it("keeps the older outline readable until the newer one is complete, and drops an abandoned one's rows", () => {
    const dataDir = tempDir();
    const store = testStore(KEEP_EVERYTHING, dataDir);
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    store.outlines.build(T);
    store.write(batch({ spans: fanOutTrace(T, 1, 9, 100).slice(1) })); // 10 more spans
    const grown = buildTraceOutline(traceFromSpans(T, store.getTraceOutlineSpans(T))!);
    const now = Date.now();
    // A save that stops half-way (its thread gone): the older outline is still the one read.
    expect(store.outlines.claim(T, "stopped", now - CLAIM_MS - 1)).toBe(true);
    const abandoned = store.outlines.saveSteps(T, grown, "stopped");
    abandoned.next();
    abandoned.next(); // its rows written
    expect(storedRowCount(dataDir)).toBe(31 + 41);
    expect(store.outlines.header(T)?.spanCount).toBe(31);
    expect(store.outlines.rows(T, 0, 100)?.records).toHaveLength(31);

    expect(store.outlines.claim(T, "next", now)).toBe(true); // the stopped one's claim had lapsed
    const steps = store.outlines.saveSteps(T, grown, "next");
    let step = steps.next();
    while (!step.done && store.outlines.header(T)?.spanCount === 31) {
      expect(store.outlines.rows(T, 0, 100)?.records).toHaveLength(31);
      step = steps.next();
    }
    expect(store.outlines.rows(T, 0, 100)).toEqual({ spanCount: 41, records: grown.rows.map((_, i) => outlineRowRecord(grown, i)) });
    while (!step.done) step = steps.next();
    expect(step.value).toBe(true);
    expect(storedRowCount(dataDir)).toBe(41);
  });

  it("is stored by one owner at a time: a fresh claim of another is left alone, a lapsed one taken over", () => {
    const store = testStore();
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    const now = Date.now();
    expect(store.outlines.claim(T, "first-load", now)).toBe(true);
    expect(store.outlines.claim(T, "builder", now + 1000)).toBe(false);
    expect(store.outlines.build(T, "builder")).toBeNull();
    expect(store.outlines.header(T)).toBeNull();
    expect(store.outlines.claim(T, "first-load", now + 1000)).toBe(true); // its own, again
    expect(store.outlines.claim(T, "builder", now + 1000 + CLAIM_MS)).toBe(true); // the first-load thread stopped
    expect(store.outlines.build(T, "builder")).toBe(31);
    // Stored and current: nothing to claim.
    expect(store.outlines.claim(T, "first-load", now)).toBe(false);
    expect(store.outlines.claim(traceId(99), "first-load", now)).toBe(false); // no such trace
  });

  it("stops a save whose claim another owner took over, without mixing its rows into the other's", () => {
    const store = testStore();
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    const outline = buildTraceOutline(traceFromSpans(T, store.getTraceOutlineSpans(T))!);
    const now = Date.now();
    expect(store.outlines.claim(T, "a", now - CLAIM_MS - 1)).toBe(true);
    const steps = store.outlines.saveSteps(T, outline, "a");
    steps.next(); // up to its first rows
    expect(store.outlines.claim(T, "b", now)).toBe(true); // a's claim had lapsed
    let step = steps.next();
    while (!step.done) step = steps.next();
    expect(step.value).toBe(false);
    expect(store.outlines.rows(T, 0, 100)).toBeNull();
    expect(store.outlines.header(T)).toBeNull();

    const saved = store.outlines.saveSteps(T, outline, "b");
    let last = saved.next();
    while (!last.done) last = saved.next();
    expect(last.value).toBe(true);
    expect(store.outlines.header(T)?.spanCount).toBe(31);
    expect(store.outlines.rows(T, 0, 100)?.records).toEqual(outline.rows.map((_, i) => outlineRowRecord(outline, i)));
  });

  it("gives up a claim without storing", () => {
    const store = testStore();
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    expect(store.outlines.claim(T, "a")).toBe(true);
    store.outlines.release(T, "b"); // not b's
    expect(store.outlines.claim(T, "c")).toBe(false);
    store.outlines.release(T, "a");
    expect(store.outlines.claim(T, "c")).toBe(true);
  });

  it("is deleted with its trace by retention", async () => {
    const store = testStore({ ...KEEP_EVERYTHING, maxAgeMs: 3_600_000 });
    store.write(batch({ spans: fanOutTrace(T, 3, 9) }));
    store.outlines.build(T);
    expect(store.outlines.rows(T, 0, 10)?.records).toHaveLength(10);
    await store.prune(T0_MS + 2 * 3_600_000);
    expect(store.outlines.header(T)).toBeNull();
    expect(store.outlines.rows(T, 0, 10)).toBeNull();
  });
});

const WORKER = path.resolve(__dirname, "outline-worker.ts");

describe("the outline builder", () => {
  it("builds a trace settled since the previous scan, or a large one outgrown its stored outline, and leaves one growing slowly", () => {
    expect(due({ spanCount: 31, laidOut: 21 }, 31, 20)).toBe(true); // settled
    expect(due({ spanCount: 31, laidOut: null }, 21, 20)).toBe(true); // none stored yet
    expect(due({ spanCount: 84, laidOut: 21 }, 31, 20)).toBe(true); // GROWTH (4) times what is stored
    expect(due({ spanCount: 83, laidOut: 21 }, 31, 20)).toBe(false);
    expect(due({ spanCount: 31, laidOut: 21 }, undefined, 20)).toBe(false);
    // Below growingFromSpans, only once settled.
    expect(due({ spanCount: 31, laidOut: null }, 21, 40)).toBe(false);
    expect(due({ spanCount: 31, laidOut: null }, 31, 40)).toBe(true);
  });

  it("stores a growing trace's outline at once, again when it has outgrown it, and once it settles", async () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, retention: KEEP_EVERYTHING });
    onTestFinished(() => store.close());
    const builder = startOutlineBuilder(dataDir, {
      fromSpans: 20,
      growingFromSpans: 20,
      scanMs: 3_600_000,
      windowMs: Date.now(),
      spawn: (data) => new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(WORKER)});`, { eval: true, workerData: data }),
    });
    onTestFinished(() => builder.close());
    store.write(batch({ spans: fanOutTrace(T, 2, 9) })); // 21 spans
    await builder.scan();
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 21, traceSpanCount: 21 }); // none stored: built at once
    store.write(batch({ spans: fanOutTrace(T, 1, 9, 100).slice(1) })); // 10 more
    await builder.scan();
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 21, traceSpanCount: 31 }); // still growing, not yet 4 times
    store.write(batch({ spans: fanOutTrace(T, 1, 9, 200).slice(1) })); // 10 more: 41
    await builder.scan();
    expect(store.outlines.header(T)?.spanCount).toBe(21);
    store.write(batch({ spans: fanOutTrace(T, 5, 9, 300).slice(1) })); // 50 more: 91, over 4 times 21
    await builder.scan();
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 91, traceSpanCount: 91 });
    store.write(batch({ spans: fanOutTrace(T, 1, 9, 900).slice(1) })); // 101
    await builder.scan();
    expect(store.outlines.header(T)?.spanCount).toBe(91);
    await builder.scan(); // settled
    expect(store.outlines.header(T)).toMatchObject({ spanCount: 101, traceSpanCount: 101 });
  }, 60_000);
});
