import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openStore } from "./store";
import { batch, KEEP_EVERYTHING, log, resource, span, spanId, T0_MS, T0_US, tempDir, testStore, traceId } from "./test-helpers";

const WHOLE_DAY = { from: T0_MS - 3600_000, to: T0_MS + 24 * 3600_000, limit: 100 };

/** A second, read-only connection: what another process would see. */
function peek(path: string): Database.Database {
  return new Database(path, { readonly: true });
}

describe("write and read back", () => {
  it("returns a trace's spans with parents, attributes, events, links and resource", () => {
    const store = testStore();
    const lambda = resource("orders", { "cloud.provider": "aws", "faas.name": "orders" });
    const root = span({
      traceId: traceId(1),
      spanId: spanId(1),
      name: "POST /orders",
      startUs: T0_US + 250,
      endUs: T0_US + 12_750,
      httpStatus: 201,
      origin: "AWS::Lambda::Function",
      attributes: { "http.method": "POST", retries: 2, cached: false, tags: ["a", "b"], nested: { k: null } },
      resource: lambda,
      scope: { name: "@opentelemetry/instrumentation-http", version: "0.50.0" },
    });
    const child = span({
      traceId: traceId(1),
      spanId: spanId(2),
      parentSpanId: spanId(1),
      name: "DynamoDB.PutItem",
      kind: "client",
      startUs: T0_US + 1000,
      endUs: T0_US + 9000,
      status: "fault",
      statusMessage: "ProvisionedThroughputExceeded",
      events: [{ name: "exception", timestamp: T0_MS + 8, attributes: { "exception.type": "Throttled" } }],
      links: [{ traceId: traceId(9), spanId: spanId(9), attributes: { reason: "batch" } }],
      resource: lambda,
    });

    expect(store.write(batch({ spans: [child, root] }))).toEqual({ spans: 2, logs: 0 });

    const spans = store.getTraceSpans(traceId(1));
    expect(spans.map((s) => s.spanId)).toEqual([spanId(1), spanId(2)]);
    expect(spans[0]).toEqual({
      traceId: traceId(1),
      spanId: spanId(1),
      parentSpanId: null,
      service: "orders",
      name: "POST /orders",
      kind: "server",
      startTime: T0_MS + 0.25,
      endTime: T0_MS + 12.75,
      durationMs: 12.5,
      status: "ok",
      statusMessage: null,
      httpStatus: 201,
      origin: "AWS::Lambda::Function",
      attributes: { "http.method": "POST", retries: 2, cached: false, tags: ["a", "b"], nested: { k: null } },
      resource: { "service.name": "orders", "cloud.provider": "aws", "faas.name": "orders" },
      events: [],
      links: [],
    });
    expect(spans[1]).toMatchObject({
      parentSpanId: spanId(1),
      kind: "client",
      status: "fault",
      statusMessage: "ProvisionedThroughputExceeded",
      durationMs: 8,
      events: child.events,
      links: child.links,
    });
    expect(store.getTraceSpans(traceId(2))).toEqual([]);
  });

  it("stores one resource row for the same service and attributes in any key order", () => {
    const store = testStore();
    store.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(1), resource: resource("a", { x: 1, y: 2 }) })] }));
    store.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(2), resource: resource("a", { y: 2, x: 1 }) })] }));
    store.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(3), resource: resource("a", { x: 1, y: 3 }) })] }));
    store.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(4), resource: resource("b", { x: 1, y: 2 }) })] }));

    const db = peek(store.path);
    expect(db.prepare("SELECT count(*) AS n FROM resources").get()).toEqual({ n: 3 });
    db.close();
  });

  it("keeps data written before close across a reopen", () => {
    const dataDir = tempDir();
    const first = openStore({ dataDir, retention: KEEP_EVERYTHING });
    first.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(1) })], logs: [log({ traceId: traceId(1) })] }));
    first.close();
    expect(first.isOpen).toBe(false);

    const second = openStore({ dataDir, retention: KEEP_EVERYTHING });
    try {
      expect(second.getTraceSpans(traceId(1))).toHaveLength(1);
      expect(second.getTraceLogs(traceId(1))).toHaveLength(1);
      expect(second.findTraces(WHOLE_DAY)).toHaveLength(1);
    } finally {
      second.close();
    }
  });
});

describe("trace summary", () => {
  const tid = traceId(7);
  const root = span({
    traceId: tid,
    spanId: spanId(1),
    name: "GET /checkout",
    startUs: T0_US,
    endUs: T0_US + 50_000,
    httpStatus: 200,
    resource: resource("frontend"),
  });
  const payment = span({
    traceId: tid,
    spanId: spanId(2),
    parentSpanId: spanId(1),
    name: "charge",
    startUs: T0_US + 10_000,
    endUs: T0_US + 20_000,
    status: "error",
    httpStatus: 402,
    resource: resource("payments"),
  });
  const inventory = span({
    traceId: tid,
    spanId: spanId(3),
    parentSpanId: spanId(1),
    name: "reserve",
    startUs: T0_US + 5_000,
    endUs: T0_US + 30_000,
    status: "throttle",
    httpStatus: 429,
    resource: resource("inventory"),
  });
  const db = span({
    traceId: tid,
    spanId: spanId(4),
    parentSpanId: spanId(3),
    name: "UPDATE stock",
    kind: "client",
    startUs: T0_US + 6_000,
    endUs: T0_US + 60_000,
    status: "fault",
    resource: resource("inventory"),
  });

  it("stays right when spans arrive out of order across batches, root last", () => {
    const store = testStore();
    store.write(batch({ spans: [payment] }));
    expect(store.findTraces(WHOLE_DAY)).toEqual([
      {
        traceId: tid,
        xrayTraceId: `1-${tid.slice(0, 8)}-${tid.slice(8)}`,
        startTime: T0_MS + 10,
        durationMs: 10,
        rootService: "payments",
        rootName: "charge",
        status: "error",
        spanCount: 1,
        httpStatus: 402,
      },
    ]);

    // An earlier span takes over as provisional root.
    store.write(batch({ spans: [db, inventory] }));
    expect(store.findTraces(WHOLE_DAY)[0]).toMatchObject({
      startTime: T0_MS + 5,
      durationMs: 55,
      rootService: "inventory",
      rootName: "reserve",
      status: "fault",
      spanCount: 3,
      httpStatus: 429,
    });

    store.write(batch({ spans: [root] }));
    expect(store.findTraces(WHOLE_DAY)[0]).toMatchObject({
      startTime: T0_MS,
      durationMs: 60,
      rootService: "frontend",
      rootName: "GET /checkout",
      status: "fault",
      spanCount: 4,
      httpStatus: 200,
    });
  });

  it("keeps a parentless root over a later, earlier-starting orphan", () => {
    const store = testStore();
    store.write(batch({ spans: [root] }));
    const orphan = span({ traceId: tid, spanId: spanId(9), parentSpanId: spanId(99), name: "orphan", startUs: T0_US - 1000 });
    store.write(batch({ spans: [orphan] }));
    expect(store.findTraces(WHOLE_DAY)[0]).toMatchObject({ rootName: "GET /checkout", startTime: T0_MS - 1, spanCount: 2 });
  });

  it("finds a trace by service once its start moved earlier than that service's first batch", () => {
    const store = testStore();
    store.write(batch({ spans: [payment] }));
    store.write(batch({ spans: [root] }));
    // The window holds the trace's real start (root) but not the payments span's start.
    const window = { from: T0_MS, to: T0_MS + 1, limit: 10 };
    expect(store.findTraces({ ...window, service: "payments" }).map((t) => t.traceId)).toEqual([tid]);
    expect(store.findTraces({ ...window, service: "frontend" }).map((t) => t.traceId)).toEqual([tid]);
  });

  it("does not count a span re-sent by an exporter retry", () => {
    const store = testStore();
    expect(store.write(batch({ spans: [root, payment] }))).toEqual({ spans: 2, logs: 0 });
    expect(store.write(batch({ spans: [payment, root, payment] }))).toEqual({ spans: 0, logs: 0 });
    expect(store.write(batch({ spans: [inventory, inventory] }))).toEqual({ spans: 1, logs: 0 });

    expect(store.getTraceSpans(tid)).toHaveLength(3);
    expect(store.findTraces(WHOLE_DAY)[0]).toMatchObject({ spanCount: 3, status: "throttle", rootName: "GET /checkout" });
    expect(store.stats()).toMatchObject({ traces: 1, spans: 3 });
  });
});

describe("a failing batch", () => {
  it("stores nothing when a span violates a constraint midway", () => {
    const store = testStore();
    const bad = span({ traceId: traceId(2), spanId: spanId(2), name: null as unknown as string });
    expect(() =>
      store.write(
        batch({
          spans: [span({ traceId: traceId(1), spanId: spanId(1) }), bad, span({ traceId: traceId(3), spanId: spanId(3) })],
          logs: [log({ traceId: traceId(1) })],
        }),
      ),
    ).toThrow(/NOT NULL constraint failed: spans.name/);

    expect(store.getTraceSpans(traceId(1))).toEqual([]);
    expect(store.findTraces(WHOLE_DAY)).toEqual([]);
    expect(store.stats()).toMatchObject({ traces: 0, spans: 0, logs: 0 });
  });

  it("rolls back its spans and summaries when its last log is invalid", () => {
    const store = testStore();
    store.write(batch({ spans: [span({ traceId: traceId(1), spanId: spanId(1), endUs: T0_US + 1000 })] }));
    const failing = batch({
      spans: [span({ traceId: traceId(1), spanId: spanId(2), endUs: T0_US + 9000, status: "fault" })],
      logs: [log(), log({ message: null as unknown as string })],
    });
    expect(() => store.write(failing)).toThrow(/NOT NULL constraint failed: logs.message/);

    expect(store.findTraces(WHOLE_DAY)[0]).toMatchObject({ spanCount: 1, status: "ok", durationMs: 1 });
    expect(store.stats()).toMatchObject({ traces: 1, spans: 1, logs: 0 });
    // The batch can be retried once fixed: its span was not half-stored.
    expect(store.write(batch({ spans: failing.spans }))).toEqual({ spans: 1, logs: 0 });
  });
});

describe("logs of a trace", () => {
  it("come in time order, only that trace's, with fields parsed and the resource's service", () => {
    const store = testStore();
    const worker = resource("worker");
    store.write(
      batch({
        logs: [
          log({ traceId: traceId(1), spanId: spanId(2), timeUs: T0_US + 3000, message: "third", level: "error", fields: { code: 500 } }),
          log({ traceId: traceId(2), timeUs: T0_US + 1500, message: "other trace" }),
          log({ traceId: traceId(1), timeUs: T0_US + 1000, message: "first", logGroup: "/aws/lambda/worker", resource: worker }),
          log({ timeUs: T0_US + 2000, message: "no trace" }),
        ],
      }),
    );
    store.write(batch({ logs: [log({ traceId: traceId(1), timeUs: T0_US + 2500, message: "second" })] }));

    const logs = store.getTraceLogs(traceId(1));
    expect(logs.map((l) => l.message)).toEqual(["first", "second", "third"]);
    expect(logs[0]).toEqual({
      id: expect.stringMatching(/^\d+$/),
      timestamp: T0_MS + 1,
      message: "first",
      level: "info",
      service: "worker",
      traceId: traceId(1),
      spanId: null,
      logGroup: "/aws/lambda/worker",
      fields: {},
    });
    expect(logs[2]).toMatchObject({ level: "error", spanId: spanId(2), fields: { code: 500 }, service: "checkout" });
    expect(new Set(logs.map((l) => l.id)).size).toBe(3);
    expect(store.getTraceLogs(traceId(3))).toEqual([]);
  });
});

describe("spans in a window", () => {
  it("returns spans starting inside [from, to), newest first, and says when the cap cut it", () => {
    const store = testStore();
    const at = (n: number, ms: number) => span({ traceId: traceId(n), spanId: spanId(n), startUs: T0_US + ms * 1000, endUs: T0_US + ms * 1000 + 5 });
    store.write(batch({ spans: [at(1, 0), at(2, 10), at(3, 20), at(4, 30)] }));

    const all = store.spansInWindow({ from: T0_MS + 10, to: T0_MS + 30 }, 10);
    expect(all.spans.map((s) => s.traceId)).toEqual([traceId(3), traceId(2)]);
    expect(all.capped).toBe(false);

    const cut = store.spansInWindow({ from: T0_MS, to: T0_MS + 31 }, 3);
    expect(cut.spans.map((s) => s.traceId)).toEqual([traceId(4), traceId(3), traceId(2)]);
    expect(cut.capped).toBe(true);
    expect(store.spansInWindow({ from: T0_MS, to: T0_MS + 31 }, 4).capped).toBe(false);
  });
});

describe("stats", () => {
  it("counts rows and reports the file size", () => {
    const store = testStore();
    store.write(
      batch({
        spans: [span({ traceId: traceId(1), spanId: spanId(1) }), span({ traceId: traceId(2), spanId: spanId(2) })],
        logs: [log(), log(), log()],
      }),
    );
    const stats = store.stats();
    expect(stats).toMatchObject({ traces: 2, spans: 2, logs: 3 });
    expect(stats.dbBytes).toBeGreaterThan(0);
    expect(stats.dbBytes % 4096).toBe(0);
    expect(stats.walBytes).toBeGreaterThan(0);
  });
});
