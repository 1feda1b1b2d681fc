import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import type { Store } from "./store";
import { batch, KEEP_EVERYTHING, log, span, spanId, testStore, traceId } from "./test-helpers";

const HOUR_MS = 3600_000;
const NOW_MS = Date.UTC(2024, 5, 1, 12);
const NOW_US = NOW_MS * 1000;
const ALL_TIME = { from: 0, to: NOW_MS + HOUR_MS, limit: 1_000_000 };

/** A trace starting `agoMs` before NOW with `spans` spans of ~10 attributes each. */
function trace(n: number, agoMs: number, spans = 3) {
  const startUs = NOW_US - agoMs * 1000;
  return Array.from({ length: spans }, (_, i) =>
    span({
      traceId: traceId(n),
      spanId: spanId(i + 1),
      parentSpanId: i === 0 ? null : spanId(1),
      startUs: startUs + i * 1000,
      endUs: startUs + i * 1000 + 500,
      attributes: Object.fromEntries(Array.from({ length: 10 }, (_, k) => [`attr.${k}`, `value ${n}-${i}-${k}`])),
    }),
  );
}

/** Row counts seen by a second connection, and whether every summary matches its spans. */
function consistency(store: Store) {
  const db = new Database(store.path, { readonly: true });
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      summariesWithoutSpans: one("SELECT count(*) AS n FROM traces t WHERE NOT EXISTS (SELECT 1 FROM spans s WHERE s.trace_id = t.trace_id)"),
      spansWithoutSummary: one("SELECT count(*) AS n FROM spans s WHERE NOT EXISTS (SELECT 1 FROM traces t WHERE t.trace_id = s.trace_id)"),
      servicesWithoutSummary: one("SELECT count(*) AS n FROM trace_services ts WHERE NOT EXISTS (SELECT 1 FROM traces t WHERE t.trace_key = ts.trace_key)"),
    };
  } finally {
    db.close();
  }
}
const CONSISTENT = { summariesWithoutSpans: 0, spansWithoutSummary: 0, servicesWithoutSummary: 0 };

describe("retention by age", () => {
  it("drops traces that started before the cutoff, whole, and logs older than it", async () => {
    const store = testStore({ ...KEEP_EVERYTHING, maxAgeMs: HOUR_MS });
    store.write(
      batch({
        spans: [...trace(1, 3 * HOUR_MS), ...trace(2, HOUR_MS + 1), ...trace(3, HOUR_MS - 1000), ...trace(4, 60_000)],
        logs: [
          log({ traceId: traceId(1), timeUs: NOW_US - 3 * HOUR_MS * 1000 }),
          log({ traceId: traceId(3), timeUs: NOW_US - HOUR_MS * 1000 + 5000 }),
          log({ timeUs: NOW_US - 2 * HOUR_MS * 1000 }),
          log({ timeUs: NOW_US - 1000 }),
        ],
      }),
    );
    // Trace 2 started before the cutoff but its last span ends after it: it goes as a whole.
    store.write(batch({ spans: [span({ traceId: traceId(2), spanId: spanId(9), startUs: NOW_US - 1000, endUs: NOW_US })] }));

    expect(await store.prune(NOW_MS)).toEqual({ traces: 2, spans: 7, logs: 2 });

    expect(store.findTraces(ALL_TIME).map((t) => t.traceId)).toEqual([traceId(4), traceId(3)]);
    expect(store.getTraceSpans(traceId(1))).toEqual([]);
    expect(store.getTraceSpans(traceId(2))).toEqual([]);
    expect(store.getTraceSpans(traceId(3))).toHaveLength(3);
    expect(store.getTraceLogs(traceId(1))).toEqual([]);
    expect(store.getTraceLogs(traceId(3))).toHaveLength(1);
    expect(store.stats()).toMatchObject({ traces: 2, spans: 6, logs: 2 });
    expect(store.findTraces({ ...ALL_TIME, service: "checkout" })).toHaveLength(2);
    expect(consistency(store)).toEqual(CONSISTENT);

    expect(await store.prune(NOW_MS)).toEqual({ traces: 0, spans: 0, logs: 0 });
  });

  it("deletes in many short transactions when there is a lot to drop", async () => {
    const store = testStore({ ...KEEP_EVERYTHING, maxAgeMs: HOUR_MS });
    const old = Array.from({ length: 1500 }, (_, n) => trace(n + 1, 2 * HOUR_MS + n, 4)).flat();
    store.write(batch({ spans: old, logs: Array.from({ length: 4500 }, () => log({ timeUs: NOW_US - 2 * HOUR_MS * 1000 })) }));
    store.write(batch({ spans: trace(9999, 1000, 4) }));

    expect(await store.prune(NOW_MS)).toEqual({ traces: 1500, spans: 6000, logs: 4500 });
    expect(store.stats()).toMatchObject({ traces: 1, spans: 4, logs: 0 });
    expect(consistency(store)).toEqual(CONSISTENT);
  });
});

describe("retention by size", () => {
  it("drops the oldest traces and logs until the file is under maxBytes", async () => {
    const maxBytes = 512 * 1024;
    const store = testStore({ ...KEEP_EVERYTHING, maxBytes });
    for (let b = 0; b < 20; b++) {
      const traces = Array.from({ length: 100 }, (_, i) => b * 100 + i + 1);
      store.write(
        batch({
          // Trace n is older than trace n + 1.
          spans: traces.flatMap((n) => trace(n, (3000 - n) * 1000, 5)),
          logs: traces.map((n) => log({ traceId: traceId(n), timeUs: NOW_US - (3000 - n) * 1000 * 1000, message: "x".repeat(200) })),
        }),
      );
    }
    const before = store.stats();
    expect(before.dbBytes).toBeGreaterThan(4 * maxBytes);

    const removed = await store.prune(NOW_MS);

    const after = store.stats();
    expect(after.dbBytes).toBeLessThanOrEqual(maxBytes);
    // Steps shrink as the excess does: it stops near the cap rather than emptying the store.
    expect(after.dbBytes).toBeGreaterThan(0.8 * maxBytes);
    expect(after.traces).toBeGreaterThan(0);
    expect(removed.traces).toBe(2000 - after.traces);
    // Oldest first: what is left is the newest traces, each with its spans and logs.
    const kept = store.findTraces(ALL_TIME).map((t) => t.traceId);
    expect(kept).toEqual(Array.from({ length: after.traces }, (_, i) => traceId(2000 - i)));
    expect(store.getTraceSpans(kept[kept.length - 1])).toHaveLength(5);
    expect(store.getTraceLogs(kept[kept.length - 1])).toHaveLength(1);
    expect(store.getTraceSpans(traceId(1))).toEqual([]);
    expect(after.spans).toBe(after.traces * 5);
    expect(consistency(store)).toEqual(CONSISTENT);
  });
});

describe("scheduled retention", () => {
  it("runs every intervalMs without being called", async () => {
    const store = testStore({ maxAgeMs: HOUR_MS, maxBytes: Number.MAX_SAFE_INTEGER, intervalMs: 20 });
    const now = Date.now() * 1000;
    store.write(
      batch({
        spans: [
          span({ traceId: traceId(1), spanId: spanId(1), startUs: now - 2 * HOUR_MS * 1000, endUs: now - 2 * HOUR_MS * 1000 + 10 }),
          span({ traceId: traceId(2), spanId: spanId(1), startUs: now, endUs: now + 10 }),
        ],
      }),
    );
    await vi.waitFor(() => expect(store.stats().traces).toBe(1), { timeout: 2000 });
    expect(store.getTraceSpans(traceId(2))).toHaveLength(1);
  });
});
