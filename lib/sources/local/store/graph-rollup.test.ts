import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { buildServiceGraph } from "../../../analysis/service-graph";
import type { Attributes, ServiceGraph, ServiceStats, SpanKind, SpanStatus, TimeWindow } from "../../../model";
import type { SpanRecord } from "../records";
import {
  addEncoded,
  addEncodedDense,
  bucketOf,
  bucketValueUs,
  type Counts,
  densePercentileMs,
  emptyDense,
  encodeCounts,
  mergeEncoded,
  RELATIVE_ERROR,
} from "./duration-histogram";
import { percentileSorted } from "../../../analysis/percentile";
import { backfillGraphRollup } from "./graph-rollup-migration";
import { windowBuckets } from "./graph-rollup";
import { MIGRATIONS } from "./migrations";
import { DB_FILE_NAME } from "./open-database";
import { openStore, type Store } from "./store";
import { batch, KEEP_EVERYTHING, resource, rollBackGraphRollup, span, T0_US, tempDir, testStore } from "./test-helpers";

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CALLEES: Attributes[] = [
  {},
  {},
  { "db.system": "postgresql", "db.name": "orders", "server.address": "db1" },
  { "http.request.method": "GET", "server.address": "api.example.com" },
  { "messaging.destination.name": "jobs" },
  { "rpc.system": "aws-api", "rpc.service": "SQS", "messaging.destination.name": "events" },
  { "rpc.system": "aws-api", "rpc.service": "DynamoDB" },
  { "peer.service": "svc-2" },
];
const KINDS: SpanKind[] = ["server", "client", "client", "internal", "producer", "consumer"];
const STATUSES: SpanStatus[] = ["ok", "ok", "ok", "ok", "error", "fault", "throttle"];
const ORIGINS = ["AWS::Lambda::Function", "AWS::ECS::Container", null, null, null];
const RESOURCES = ORIGINS.map((_, i) => resource(`svc-${i}`));

const MINUTE_US = 60_000_000;

/**
 * Traces of 1–14 spans over five services: cross-service and same-service children, inferred
 * callees of every kind, parents that never arrive, traces without their root. Every span of a
 * trace starts in the trace's minute (so a minute window holds whole traces); the minutes spread
 * over `hours` hours.
 */
function generate(seed: number, traces: number, hours = 5): SpanRecord[] {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const spans: SpanRecord[] = [];
  for (let t = 0; t < traces; t++) {
    const traceHex = (t + 1).toString(16).padStart(32, "0");
    const minuteStart = T0_US + Math.floor(rnd() * hours * 60) * MINUTE_US;
    const size = 1 + Math.floor(rnd() * 14);
    const trace: SpanRecord[] = [];
    for (let i = 0; i < size; i++) {
      const parent = i === 0 ? null : pick(trace);
      const service = parent && rnd() < 0.4 ? parent.resource.service : `svc-${Math.floor(rnd() * 5)}`;
      const startUs = minuteStart + Math.floor(rnd() * 50_000_000);
      const durationUs = Math.round(Math.exp(rnd() * Math.log(2_000_000)));
      const index = Number(service.slice(4));
      trace.push(
        span({
          traceId: traceHex,
          spanId: (i + 1).toString(16).padStart(16, "0"),
          parentSpanId: i === 0 ? (rnd() < 0.05 ? "ffffffffffffffff" : null) : rnd() < 0.05 ? "eeeeeeeeeeeeeeee" : (parent?.spanId ?? null),
          kind: i === 0 ? "server" : pick(KINDS),
          startUs,
          endUs: startUs + durationUs,
          status: pick(STATUSES),
          origin: ORIGINS[index],
          attributes: pick(CALLEES),
          resource: RESOURCES[index],
        }),
      );
    }
    // Sometimes the root never arrives.
    spans.push(...(rnd() < 0.05 ? trace.slice(1) : trace));
  }
  return spans;
}

/**
 * All spans in shuffled order, in batches of 1–150, some batches re-sending spans already sent, some
 * holding a span twice (the insert keeps the first; the rollup must count that one).
 */
function writeShuffled(store: Store, spans: SpanRecord[], seed: number): void {
  const rnd = random(seed);
  const order = [...spans];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let sent = 0;
  while (sent < order.length) {
    const size = 1 + Math.floor(rnd() * 150);
    const part = order.slice(sent, sent + size);
    if (sent > 0 && rnd() < 0.2) for (let k = 0; k < 3; k++) part.push(order[Math.floor(rnd() * sent)]);
    const own = Math.min(size, order.length - sent);
    if (rnd() < 0.2) for (let k = 0; k < 3; k++) part.push(part[Math.floor(rnd() * own)]);
    store.write(batch({ spans: part }));
    sent += size;
  }
}

/** buildServiceGraph over the stored spans that start in the window's minutes. */
function spanBuiltGraph(store: Store, window: TimeWindow): ServiceGraph {
  const from = Math.floor(window.from / 60_000) * 60_000;
  const to = Math.ceil(window.to / 60_000) * 60_000;
  return buildServiceGraph(store.spansInWindow({ from, to }, 10_000_000).spans);
}

/**
 * Counts exactly equal, averages to float rounding, p99 within the histogram's bound. A node's type
 * is the rollup's over all stored spans: `typeOnceCalled` is a service that some spans also call as
 * an inferred callee (peer.service), whose type in the span-built graph depends on the window.
 */
function expectSameGraph(rolled: ServiceGraph, built: ServiceGraph, typeOnceCalled?: string): void {
  const counts = (s: ServiceStats) => [s.requests, s.errors, s.faults, s.throttles];
  const type = (n: ServiceGraph["nodes"][number]) => (n.name === typeOnceCalled ? "either" : n.type);
  expect(rolled.nodes.map((n) => [n.name, type(n), ...counts(n.stats)])).toEqual(built.nodes.map((n) => [n.name, type(n), ...counts(n.stats)]));
  expect(rolled.edges.map((e) => [e.source, e.target, ...counts(e.stats)])).toEqual(built.edges.map((e) => [e.source, e.target, ...counts(e.stats)]));
  const pairs = [...rolled.nodes.map((n, i) => [n.stats, built.nodes[i].stats]), ...rolled.edges.map((e, i) => [e.stats, built.edges[i].stats])];
  for (const [r, b] of pairs) {
    expect(r.avgMs).toBeCloseTo(b.avgMs, 6);
    expect(Math.abs(r.p99Ms - b.p99Ms)).toBeLessThanOrEqual(RELATIVE_ERROR * b.p99Ms + 1e-9);
  }
  expect(built.edges.length).toBeGreaterThan(0);
}

const ALL: TimeWindow = { from: T0_US / 1000, to: T0_US / 1000 + 6 * 3_600_000 };

describe("the duration histogram", () => {
  it("answers every duration within its relative error", () => {
    for (let d = 1; d < 5_000_000; d = Math.ceil(d * 1.07)) {
      const value = bucketValueUs(bucketOf(d));
      expect(Math.abs(value - d) / d).toBeLessThanOrEqual(RELATIVE_ERROR + 1e-12);
    }
    expect(bucketValueUs(bucketOf(0))).toBe(0);
  });

  it("gives a nearest-rank percentile within that error", () => {
    const rnd = random(42);
    const durations = Array.from({ length: 5000 }, () => Math.round(Math.exp(rnd() * Math.log(5_000_000))));
    const dense = emptyDense();
    addEncodedDense(dense, encodeCounts(durations.reduce((m, d) => m.set(bucketOf(d), (m.get(bucketOf(d)) ?? 0) + 1), new Map<number, number>())));
    const exact =
      percentileSorted(
        [...durations].sort((a, b) => a - b),
        99,
      ) / 1000;
    expect(Math.abs(densePercentileMs(dense, 99) - exact)).toBeLessThanOrEqual(RELATIVE_ERROR * exact);
    expect(densePercentileMs(emptyDense(), 99)).toBe(0);
  });
});

describe("the service graph rollup", () => {
  it("equals the graph built from the same spans, whatever order and batches they arrive in", () => {
    for (const seed of [1, 2, 3]) {
      const store = testStore();
      const spans = generate(seed, 150);
      writeShuffled(store, spans, seed * 7);
      expectSameGraph(store.serviceGraph(ALL), spanBuiltGraph(store, ALL));
      store.close();
    }
  });

  it("equals it for windows of whole minutes and hours, and for windows not on a minute", () => {
    const store = testStore();
    writeShuffled(store, generate(4, 300), 11);
    const t0 = T0_US / 1000;
    const windows: TimeWindow[] = [
      { from: t0 + 17 * 60_000, to: t0 + 3 * 3_600_000 + 4 * 60_000 },
      { from: t0 + 3_600_000, to: t0 + 3 * 3_600_000 },
      { from: t0 + 61 * 60_000 + 1234, to: t0 + 95 * 60_000 - 10 },
      { from: t0 + 5 * 60_000, to: t0 + 6 * 60_000 },
    ];
    for (const window of windows) expectSameGraph(store.serviceGraph(window), spanBuiltGraph(store, window), "svc-2");
  });

  it("splits a window into hours inside it, 10-minute blocks inside the rest and minutes at its ends", () => {
    const hour = 3_600_000;
    expect(windowBuckets({ from: 10 * hour + 60_000, to: 13 * hour + 30_000 })).toEqual([
      { level: 0, lo: 601, hi: 610 },
      { level: 1, lo: 61, hi: 66 },
      { level: 2, lo: 11, hi: 13 },
      { level: 0, lo: 780, hi: 781 },
    ]);
    expect(windowBuckets({ from: 10 * hour + 5 * 60_000, to: 10 * hour + 8 * 60_000 })).toEqual([{ level: 0, lo: 605, hi: 608 }]);
    expect(windowBuckets({ from: 10 * hour, to: 10 * hour + 30 * 60_000 })).toEqual([{ level: 1, lo: 60, hi: 63 }]);
  });

  it("loses what retention deletes, and keeps no empty cells", async () => {
    const dataDir = tempDir();
    const spans = generate(5, 200);
    const cutoffUs = T0_US + 2.5 * 3_600_000_000;
    const now = Date.now();
    const store = openStore({ dataDir, retention: { ...KEEP_EVERYTHING, maxAgeMs: now - cutoffUs / 1000 } });
    writeShuffled(store, spans, 5);
    expect(store.serviceGraph(ALL).edges.length).toBeGreaterThan(0);
    const deleted = await store.prune(now);
    expect(deleted.traces).toBeGreaterThan(0);
    expectSameGraph(store.serviceGraph(ALL), spanBuiltGraph(store, ALL));

    store.close();
    const emptied = openStore({ dataDir, retention: { ...KEEP_EVERYTHING, maxAgeMs: 1 } });
    await emptied.prune(now);
    emptied.close();
    const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    expect([count("spans"), count("graph_minute"), count("graph_10min"), count("graph_hour"), count("graph_pending")]).toEqual([0, 0, 0, 0, 0]);
    db.close();
  });

  it("is backfilled into a store written before it, in steps that resume after a crash, and kept from there", () => {
    const dataDir = tempDir();
    const spans = generate(6, 500);
    // The first 400 traces are stored by the old Sightline; the rest (with late spans of the old traces) arrive after.
    const old = spans.filter((s) => parseInt(s.traceId, 16) <= 400 && s.spanId !== "0000000000000001");
    const oldSet = new Set(old);
    const later = spans.filter((s) => !oldSet.has(s));
    const store = openStore({ dataDir, retention: KEEP_EVERYTHING });
    writeShuffled(store, old, 6);
    const expected = spanBuiltGraph(store, ALL);
    store.close();

    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    rollBackGraphRollup(
      db,
      MIGRATIONS.findIndex((m) => m.description === "service graph rollup"),
    );
    db.close();
    // A crash after the first step: the next open starts where it stopped.
    const crashing = new Database(path.join(dataDir, DB_FILE_NAME));
    // The graph rollup migration and those after it.
    const from = MIGRATIONS.findIndex((m) => m.description === "service graph rollup");
    for (const m of MIGRATIONS.slice(from)) m.up(crashing);
    crashing.pragma(`user_version = ${MIGRATIONS.length}`);
    expect(() =>
      backfillGraphRollup(crashing, 50, () => {
        throw new Error("crash");
      }),
    ).toThrow("crash");
    expect((crashing.prepare("SELECT next_trace_key AS k FROM graph_backfill").get() as { k: number }).k).toBeGreaterThan(1);
    crashing.close();

    const reopened = openStore({ dataDir, retention: KEEP_EVERYTHING });
    expectSameGraph(reopened.serviceGraph(ALL), expected);
    writeShuffled(reopened, later, 9);
    expectSameGraph(reopened.serviceGraph(ALL), spanBuiltGraph(reopened, ALL));
    reopened.close();
  });
});

describe("merging encoded histograms", () => {
  it("adds counts bucket by bucket, dropping the ones that reach zero", () => {
    const a = encodeCounts(
      new Map([
        [1, 2],
        [5, 1],
        [9, -1],
      ]),
    );
    const b = encodeCounts(
      new Map([
        [0, 4],
        [5, -1],
        [9, 3],
        [12, 7],
      ]),
    );
    const sum: Counts = new Map();
    addEncoded(sum, mergeEncoded(a, b));
    expect([...sum]).toEqual([
      [0, 4],
      [1, 2],
      [9, 2],
      [12, 7],
    ]);
    expect(mergeEncoded(null, a).equals(a)).toBe(true);
  });
});
