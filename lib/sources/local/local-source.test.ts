import { describe, expect, it } from "vitest";
import { parseTraceId, type ParsedTraceId } from "../../trace-id";
import { LocalSource } from "./local-source";
import { batch, log, resource, span, spanId, T0_MS, T0_US, testStore, traceId } from "./store/test-helpers";

const WEEK = 7 * 86_400_000;

function parsed(hex: string): ParsedTraceId {
  const r = parseTraceId(hex);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

/** frontend → orders → the ordersdb database, written child first. */
function checkout(n: number, offsetMs = 0) {
  const t0 = T0_US + offsetMs * 1000;
  return [
    span({
      traceId: traceId(n),
      spanId: spanId(3),
      parentSpanId: spanId(2),
      name: "SELECT orders",
      kind: "client",
      startUs: t0 + 3000,
      endUs: t0 + 9000,
      attributes: { "db.system": "postgresql", "db.name": "ordersdb" },
      resource: resource("orders"),
    }),
    span({
      traceId: traceId(n),
      spanId: spanId(2),
      parentSpanId: spanId(1),
      name: "GET /orders",
      startUs: t0 + 2000,
      endUs: t0 + 25_000,
      status: "fault",
      httpStatus: 503,
      resource: resource("orders"),
    }),
    span({ traceId: traceId(n), spanId: spanId(1), name: "GET /", startUs: t0, endUs: t0 + 20_000, resource: resource("frontend") }),
  ];
}

describe("LocalSource", () => {
  it("is the local kind", () => {
    expect(new LocalSource(testStore(), { retentionMs: WEEK }).kind).toBe("local");
  });

  it("assembles a trace: spans by start, services by first appearance, bounds from all spans", async () => {
    const store = testStore();
    store.write(batch({ spans: checkout(1) }));
    const id = parsed(`1-${traceId(1).slice(0, 8)}-${traceId(1).slice(8)}`);

    const trace = await new LocalSource(store, { retentionMs: WEEK }).getTrace(id);

    expect(trace).toMatchObject({
      traceId: traceId(1),
      xrayTraceId: `1-65920080-${traceId(1).slice(8)}`,
      startTime: T0_MS,
      endTime: T0_MS + 25,
      durationMs: 25,
      services: ["frontend", "orders"],
    });
    expect(trace?.spans.map((s) => s.name)).toEqual(["GET /", "GET /orders", "SELECT orders"]);
  });

  it("answers null for a trace it has no span of", async () => {
    expect(await new LocalSource(testStore(), { retentionMs: WEEK }).getTrace(parsed(traceId(404)))).toBeNull();
  });

  it("says what it searched for a trace it does not have: the embedded store over its retention", () => {
    const now = Date.UTC(2026, 10, 21, 3, 0, 0);
    const source = new LocalSource(testStore(), { retentionMs: 2 * 86_400_000 });
    expect(source.traceNotFoundMessage(parsed("ffffffff89b4a5c6d7e8f90123456789"), now)).toBe(
      "No trace 1-ffffffff-89b4a5c6d7e8f90123456789 in the embedded store, which keeps the last 2 days (from 2026-11-19T03:00:00.000Z to now).",
    );
  });

  it("is ready while its store is open", async () => {
    const store = testStore();
    const source = new LocalSource(store, { retentionMs: WEEK });
    expect(await source.readiness()).toMatchObject({ ok: true, checks: { store: true } });
    store.close();
    expect(await source.readiness()).toMatchObject({ ok: false, checks: { store: false } });
  });

  it("takes no X-Ray filter expression, and has neither a logs search to cancel nor a console", () => {
    const source = new LocalSource(testStore(), { retentionMs: WEEK });
    expect(source.capabilities.filterExpressions).toBe(false);
    expect("cancelTraceLogs" in source).toBe(false);
    expect("consoleLinks" in source).toBe(false);
  });

  it("finds traces through the store", async () => {
    const store = testStore();
    store.write(batch({ spans: [...checkout(1), ...checkout(2, 1000)] }));
    const found = await new LocalSource(store, { retentionMs: WEEK }).findTraces({ from: T0_MS, to: T0_MS + 2000, status: "fault", limit: 10 });
    expect(found.map((t) => [t.traceId, t.rootName, t.spanCount])).toEqual([
      [traceId(2), "GET /", 3],
      [traceId(1), "GET /", 3],
    ]);
  });

  it("answers each search for itself: queries of one shape but other values, one source, in turn", async () => {
    const store = testStore();
    store.write(batch({ spans: [...checkout(1), ...checkout(2, 1000)] }));
    const source = new LocalSource(store, { retentionMs: WEEK });
    const window = { from: T0_MS, to: T0_MS + 2000, limit: 10 };
    const counts: number[] = [];
    for (const query of [
      window,
      { ...window, operation: "GET /" },
      { ...window, operation: "POST /" },
      { ...window, maxDurationMs: 10 },
      { ...window, maxDurationMs: 100 },
      { ...window, attributes: [{ key: "db.system", value: "mysql" }] },
      { ...window, attributes: [{ key: "db.system", value: "postgresql" }] },
      { ...window, limit: 1 },
    ]) {
      counts.push((await source.findTraces(query)).length);
    }
    expect(counts).toEqual([2, 2, 0, 0, 2, 0, 2, 1]);
  });

  it("returns a trace's logs as complete", async () => {
    const store = testStore();
    store.write(
      batch({
        logs: [log({ traceId: traceId(1), timeUs: T0_US + 2000, message: "b" }), log({ traceId: traceId(1), timeUs: T0_US + 1000, message: "a" })],
      }),
    );
    const result = await new LocalSource(store, { retentionMs: WEEK }).getTraceLogs(parsed(traceId(1)));
    expect(result.status).toBe("complete");
    expect(result.events.map((e) => e.message)).toEqual(["a", "b"]);
  });

  it("builds the service graph of the spans starting in the window", async () => {
    const store = testStore();
    store.write(batch({ spans: [...checkout(1), ...checkout(2, 1000), ...checkout(3, 60_000)] }));

    const graph = await new LocalSource(store, { retentionMs: WEEK }).getServiceGraph({ from: T0_MS, to: T0_MS + 2000 });

    expect(graph.nodes.map((n) => [n.name, n.stats.requests])).toEqual([
      ["client", 0],
      ["frontend", 2],
      ["orders", 2],
      ["ordersdb", 2],
    ]);
    expect(graph.edges.map((e) => [e.source, e.target, e.stats.requests, e.stats.faults])).toEqual([
      ["client", "frontend", 2, 0],
      ["frontend", "orders", 2, 2],
      ["orders", "ordersdb", 2, 0],
    ]);
  });

  it("draws the graph from every span of the window, however many (the rollup has no span cap)", async () => {
    const store = testStore();
    store.write(batch({ spans: [...checkout(1), ...checkout(2, 1000)] }));
    const graph = await new LocalSource(store, { retentionMs: WEEK, graphSpanCap: 3 }).getServiceGraph({ from: T0_MS, to: T0_MS + 2000 });
    expect(graph.edges.find((e) => e.source === "client")?.stats.requests).toBe(2);
  });
});
