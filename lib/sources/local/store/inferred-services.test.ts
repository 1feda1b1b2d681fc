import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, migrate } from "./migrations";
import { openStore } from "./store";
import { batch, KEEP_EVERYTHING, resource, rollBackGraphRollup, span, spanId, T0_MS, T0_US, tempDir, testStore, traceId } from "./test-helpers";
import { DB_FILE_NAME } from "./open-database";

/** Trace n: a server span of orders-service and, when `pays`, a client call to a third-party host. */
function trace(n: number, pays: boolean) {
  const startUs = T0_US + n * 1_000_000;
  const spans = [span({ traceId: traceId(n), spanId: spanId(1), startUs, endUs: startUs + 50_000, resource: resource("orders-service") })];
  if (pays) {
    spans.push(
      span({
        traceId: traceId(n),
        spanId: spanId(2),
        parentSpanId: spanId(1),
        kind: "client",
        startUs: startUs + 100,
        endUs: startUs + 40_000,
        status: "fault",
        attributes: { "http.request.method": "POST", "url.full": "https://api.payments-provider.example/v1/charges" },
        resource: resource("orders-service"),
      }),
    );
  }
  return spans;
}

const window = { from: T0_MS, to: T0_MS + 60_000, limit: 10 };
const found = (traces: { traceId: string }[]) => traces.map((t) => parseInt(t.traceId.slice(8), 16)).sort();

describe("a callee that emits no spans of its own", () => {
  it("finds the traces that call it", () => {
    const store = testStore();
    store.write(batch({ spans: [...trace(1, true), ...trace(2, false), ...trace(3, true)] }));
    expect(found(store.findTraces({ ...window, service: "api.payments-provider.example" }))).toEqual([1, 3]);
    expect(found(store.findTraces({ ...window, service: "orders-service" }))).toEqual([1, 2, 3]);
    store.close();
  });

  it("is backfilled into a store written before ingest recorded callees", () => {
    const dataDir = tempDir();
    const store = openStore({ dataDir, retention: KEEP_EVERYTHING });
    store.write(batch({ spans: [...trace(1, true), ...trace(2, false)] }));
    store.close();
    // Roll the store back to the schema and rows of the version before the migration.
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    const version = MIGRATIONS.findIndex((m) => m.description === "inferred callees in trace_services");
    db.exec("DELETE FROM trace_services WHERE service = 'api.payments-provider.example'");
    rollBackGraphRollup(db, version);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    db.close();

    const reopened = openStore({ dataDir, retention: KEEP_EVERYTHING });
    expect(found(reopened.findTraces({ ...window, service: "api.payments-provider.example" }))).toEqual([1]);
    reopened.close();
  });
});

describe("an attribute filter", () => {
  it("matches resource attributes as well as span attributes", () => {
    const store = testStore();
    const start = (n: number) => T0_US + n * 1_000_000;
    store.write(
      batch({
        spans: [
          span({ traceId: traceId(1), spanId: spanId(1), startUs: start(1), endUs: start(1) + 10, resource: resource("api", { "service.version": "3.2.0" }) }),
          span({ traceId: traceId(2), spanId: spanId(1), startUs: start(2), endUs: start(2) + 10, resource: resource("api", { "service.version": "3.1.0" }) }),
          span({ traceId: traceId(3), spanId: spanId(1), startUs: start(3), endUs: start(3) + 10, attributes: { "service.version": "3.2.0" } }),
        ],
      }),
    );
    expect(found(store.findTraces({ ...window, attributes: [{ key: "service.version", value: "3.2.0" }] }))).toEqual([1, 3]);
    store.close();
  });
});
