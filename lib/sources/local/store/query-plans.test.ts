import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { cellsSql, createGraphReader } from "./graph-rollup";
import {
  ATTRIBUTE_TEXT_SQL,
  findTracesSql,
  SPANS_BY_ID_SQL,
  SPANS_IN_WINDOW_SQL,
  TRACE_LOGS_SQL,
  TRACE_OUTLINE_SPANS_SQL,
  TRACE_SPANS_SQL,
  TRACE_SUMMARY_SQL,
} from "./reader";
import { testStore } from "./test-helpers";

/** The query plan as one line per step, e.g. "SEARCH t USING INDEX traces_by_start (start_us>? AND start_us<?)". */
function plan(sql: string, params: unknown[] | Record<string, unknown>): string[] {
  const db = new Database(testStore().path, { readonly: true });
  // Registers the rollup's SQL functions (the p99 aggregate) on this connection.
  createGraphReader(db);
  try {
    const statement = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
    const rows = (Array.isArray(params) ? statement.all(...params) : statement.all(params)) as { detail: string }[];
    return rows.map((r) => r.detail);
  } finally {
    db.close();
  }
}

const window = { fromUs: 0, toUs: 1, limit: 10 };

describe("every read query walks an index, with no full scan and no sort", () => {
  it("one trace's spans (sorted in memory: one trace is small)", () => {
    expect(plan(TRACE_SPANS_SQL, ["x"])).toEqual(["SEARCH spans USING INDEX spans_by_trace (trace_id=?)", "USE TEMP B-TREE FOR ORDER BY"]);
  });

  it("a large trace's lean spans, and the attributes a search reads", () => {
    expect(plan(TRACE_OUTLINE_SPANS_SQL, ["x"])).toEqual(["SEARCH spans USING INDEX spans_by_trace (trace_id=?)", "USE TEMP B-TREE FOR ORDER BY"]);
    expect(plan(ATTRIBUTE_TEXT_SQL, ["x"])).toEqual(["SEARCH spans USING INDEX spans_by_trace (trace_id=?)"]);
  });

  it("one trace's summary: one row by its ID", () => {
    expect(plan(TRACE_SUMMARY_SQL, ["x"])).toEqual(["SEARCH t USING INDEX sqlite_autoindex_traces_1 (trace_id=?)"]);
  });

  it("spans by ID: one index lookup each", () => {
    expect(plan(SPANS_BY_ID_SQL, ["x", "[]"])).toEqual([
      "SEARCH spans USING INDEX spans_by_trace (trace_id=? AND span_id=?)",
      "LIST SUBQUERY 1",
      "SCAN json_each VIRTUAL TABLE INDEX 1:",
    ]);
  });

  it.each([
    ["one trace's logs", TRACE_LOGS_SQL, ["x"], /^SEARCH logs USING INDEX logs_by_trace \(trace_id=\?\)$/],
    ["spans in a window", SPANS_IN_WINDOW_SQL, window, /^SEARCH spans USING INDEX spans_by_start \(start_us>\? AND start_us<\?\)$/],
  ])("%s", (_name, sql, params, expected) => {
    expect(plan(sql, params)).toEqual([expect.stringMatching(expected)]);
  });

  it("traces in a window, with and without duration", () => {
    for (const minDuration of [false, true]) {
      const sql = findTracesSql({ service: false, minDuration, status: false });
      expect(plan(sql, { ...window, minDurationUs: 1 })).toEqual(["SEARCH t USING INDEX traces_by_start (start_us>? AND start_us<?)"]);
    }
  });

  it("traces in a window with a status", () => {
    const sql = findTracesSql({ service: false, minDuration: true, status: true });
    expect(plan(sql, { ...window, minDurationUs: 1, statusRank: 3 })).toEqual([
      "SEARCH t USING INDEX traces_by_status (status_rank=? AND start_us>? AND start_us<?)",
    ]);
  });

  it("traces in a window for a service", () => {
    const sql = findTracesSql({ service: true, minDuration: true, status: true });
    expect(plan(sql, { ...window, service: "a", minDurationUs: 1, statusRank: 3 })).toEqual([
      "SEARCH s USING COVERING INDEX trace_services_by_service (service=? AND trace_start_us>? AND trace_start_us<?)",
      "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
    ]);
  });

  it.each([
    ["no filter", { service: false, status: false }, ["SEARCH t USING INDEX traces_by_start (start_us>? AND start_us<?)"]],
    ["a status", { service: false, status: true }, ["SEARCH t USING INDEX traces_by_status (status_rank=? AND start_us>? AND start_us<?)"]],
    [
      "a service",
      { service: true, status: false },
      [
        "SEARCH s USING COVERING INDEX trace_services_by_service (service=? AND trace_start_us>? AND trace_start_us<?)",
        "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
      ],
    ],
    [
      "a service and a status (the service's range, each trace's status checked by primary key)",
      { service: true, status: true },
      [
        "SEARCH s USING COVERING INDEX trace_services_by_service (service=? AND trace_start_us>? AND trace_start_us<?)",
        "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
      ],
    ],
  ])("the trace list with %s is an index range, newest first, with no sort", (_name, filters, expected) => {
    const sql = findTracesSql({ ...filters, minDuration: false });
    expect(plan(sql, { ...window, service: "a", statusRank: 3 })).toEqual(expected);
  });

  it("the service graph reads the rollup's bucket ranges, one row per node or edge after grouping", () => {
    const steps = plan(cellsSql([0, 1, 2, 1, 0]), [0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
    const searches = steps.filter((step) => /^(SEARCH|SCAN) graph_/.test(step));
    expect(searches).toEqual(
      ["graph_minute", "graph_10min", "graph_hour", "graph_10min", "graph_minute"].map((t) => `SEARCH ${t} USING PRIMARY KEY (bucket>? AND bucket<?)`),
    );
  });

  it("attribute filters look up each trace's spans by index, after the window's index range", () => {
    const attrs = { attrKey0: "k", attrAnnotation0: "annotation.k", attrValue0: "v" };
    // Per trace: its spans by index; each span's attributes, then its resource by primary key.
    const perTrace = [
      "SEARCH sp EXISTS USING INDEX spans_by_trace (trace_id=?)",
      "CORRELATED SCALAR SUBQUERY 1",
      expect.stringMatching(/^SCAN a VIRTUAL TABLE INDEX/),
      "CORRELATED SCALAR SUBQUERY 2",
      "SEARCH r USING INTEGER PRIMARY KEY (rowid=?)",
      expect.stringMatching(/^SCAN a VIRTUAL TABLE INDEX/),
    ];
    const all = { minDuration: true, maxDuration: true, status: false, operation: true, attributes: 1 };
    const params = { ...window, ...attrs, minDurationUs: 1, maxDurationUs: 2, operation: "x", service: "a" };
    expect(plan(findTracesSql({ ...all, service: false }), params)).toEqual(["SEARCH t USING INDEX traces_by_start (start_us>? AND start_us<?)", ...perTrace]);
    expect(plan(findTracesSql({ ...all, service: true }), params)).toEqual([
      "SEARCH s USING COVERING INDEX trace_services_by_service (service=? AND trace_start_us>? AND trace_start_us<?)",
      "SEARCH t USING INTEGER PRIMARY KEY (rowid=?)",
      ...perTrace,
    ]);
  });
});
