/**
 * TRACE_STORE=spans over the wire, for traces larger than one Logs Insights query returns (10,000
 * rows): the trace is read by pages of time (spans-store.ts), with the real SDK clients against the
 * AWS test server's `aws/spans`.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { AwsSourceOptions } from "./aws-source";
import { type Harness, id, inputOf, startHarness, until } from "./aws-test-setup";
import type { SpansStoreOptions } from "./spans-store";

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

const hexAt = (startMs: number, tail: string) => Math.floor(startMs / 1000).toString(16) + tail;
const spanIdOf = (i: number) => (i + 1).toString(16).padStart(16, "0");

interface SpansCase {
  /** The trace ID's last 24 hex digits (its first 8 are the start second). */
  tail: string;
  /** The trace's spans, `perMs` of them starting in each millisecond (bigTrace). */
  count: number;
  perMs: number;
  /** How long ago the trace started. */
  ageMs?: number;
  spans?: Partial<SpansStoreOptions>;
  /** How long each Logs Insights query runs on the test server. */
  queryRunMs?: number;
  source?: Partial<AwsSourceOptions>;
}

/**
 * A TRACE_STORE=spans source (real SDK clients) against the AWS test server with Transaction
 * Search on, holding one trace of `count` spans in aws/spans.
 */
async function withSpansSource(c: SpansCase): Promise<{ h: Harness; hex: string; startMs: number }> {
  harness = await startHarness({
    source: { traceStore: "spans", ...c.source },
    tuning: {
      spans: {
        beforeMs: 5 * 60_000,
        afterMs: 60 * 60_000,
        lookbackMs: 86_400_000,
        timeoutMs: 10_000,
        pollIntervalMs: 10,
        maxPollIntervalMs: 20,
        maxPages: 100,
        deadlineMs: 60_000,
        ...c.spans,
      },
    },
  });
  harness.server.configure({ transactionSearch: true, queryRunMs: c.queryRunMs ?? 30 });
  const startMs = Date.now() - (c.ageMs ?? 20 * 60_000);
  const hex = hexAt(startMs, c.tail);
  harness.server.putSpans(bigTrace(hex, startMs, c.count, c.perMs));
  return { h: harness, hex, startMs };
}

/**
 * A trace of `count` spans: a root and its children, `perMs` spans starting in each millisecond
 * (span i at `startMs + floor(i / perMs)`), as Transaction Search stores them.
 */
function bigTrace(traceId: string, startMs: number, count: number, perMs: number): object[] {
  return Array.from({ length: count }, (_, i) => {
    const at = startMs + Math.floor(i / perMs);
    const ns = BigInt(at) * 1_000_000n;
    return {
      resource: { attributes: { "service.name": `svc-${i % 7}` } },
      traceId,
      spanId: spanIdOf(i),
      ...(i === 0 ? {} : { parentSpanId: spanIdOf(0) }),
      name: i === 0 ? "POST /batch" : `item ${i}`,
      kind: i === 0 ? "SERVER" : "INTERNAL",
      startTimeUnixNano: String(ns),
      endTimeUnixNano: String(ns + (i === 0 ? BigInt(Math.ceil(count / perMs) + 1) * 1_000_000n : 500_000n)),
      durationNano: i === 0 ? (Math.ceil(count / perMs) + 1) * 1_000_000 : 500_000,
      attributes: {},
      status: { code: "UNSET" },
    };
  });
}

const spansQueries = (h: Harness) => h.calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans");

/** Waits until `n` queries of aws/spans have been started. */
const untilQueries = (h: Harness, n: number, timeoutMs?: number) =>
  until(
    async () => spansQueries(h).length,
    (started) => started >= n,
    timeoutMs,
  );

/** Every span ID from 0 to count - 1, each once. */
function expectEvery(spanIds: string[], count: number): void {
  expect(spanIds).toHaveLength(count);
  expect(new Set(spanIds).size).toBe(count);
  const expected = Array.from({ length: count }, (_, i) => spanIdOf(i)).sort();
  expect([...spanIds].sort()).toEqual(expected);
}

describe("TRACE_STORE=spans: a trace of more than 10,000 spans", () => {
  it("reads a 25,000-span trace whole, by pages from the last row's millisecond", async () => {
    const { h, hex, startMs } = await withSpansSource({ tail: "00000000000000000000e001", count: 25_000, perMs: 1 });
    const trace = await h.source.getTrace(id(hex));
    expect(trace?.partial).toBeUndefined();
    expect(trace?.note).toBeUndefined();
    expectEvery(
      trace!.spans.map((s) => s.spanId),
      25_000,
    );
    expect(trace?.spans.filter((s) => s.parentSpanId === null).map((s) => s.spanId)).toEqual([spanIdOf(0)]);

    const queries = spansQueries(h).map(inputOf);
    expect(queries).toHaveLength(3);
    expect(queries[0].queryString).not.toContain("toMillis");
    // Page 2 starts at page 1's last row (span 9,999, at startMs + 9,999 ms), its window at that second.
    expect(queries[1].queryString).toContain(`and toMillis(@timestamp) >= ${startMs + 9_999}`);
    expect(queries[1].startTime).toBe(Math.floor((startMs + 9_999) / 1000));
    expect(queries[2].queryString).toContain(`and toMillis(@timestamp) >= ${startMs + 19_998}`);
  });

  it("loses and repeats nothing when many spans share the millisecond a page ends in", async () => {
    // 700 spans a millisecond: page 1 ends 200 spans into millisecond 14, page 2 500 spans past it.
    const { h, hex, startMs } = await withSpansSource({ tail: "00000000000000000000e002", count: 21_000, perMs: 700 });
    const trace = await h.source.getTrace(id(hex));
    expect(trace?.partial).toBeUndefined();
    expectEvery(
      trace!.spans.map((s) => s.spanId),
      21_000,
    );
    const queries = spansQueries(h).map(inputOf);
    expect(queries.map((q) => String(q.queryString).match(/>= (\d+)/)?.[1] ?? null)).toEqual([null, String(startMs + 14), String(startMs + 28)]);
  });

  it("stops at maxPages, partial, with a note saying how many spans were read", async () => {
    const { h, hex } = await withSpansSource({ tail: "00000000000000000000e003", count: 25_000, perMs: 1, spans: { maxPages: 2 } });
    const trace = await h.source.getTrace(id(hex));
    // Page 2 repeats page 1's last span (same millisecond), dropped: 10,000 + 9,999.
    expect(trace?.spans).toHaveLength(19_999);
    expect(trace?.partial).toBe(true);
    expect(trace?.note).toBe(
      "This trace's spans fill 2 Logs Insights queries of 10,000 rows, the most one trace is read with: the first 19,999 spans of this trace in aws/spans are shown.",
    );
    expect(spansQueries(h)).toHaveLength(2);
  });

  it("is partial, naming the error, when a page after the first fails; read again soon though the trace is old", async () => {
    let offsetMs = 0;
    const { h, hex } = await withSpansSource({
      tail: "00000000000000000000e004",
      count: 25_000,
      perMs: 1,
      ageMs: 3 * 3_600_000,
      queryRunMs: 300,
      source: { now: () => Date.now() + offsetMs },
    });
    const reading = h.source.getTrace(id(hex));
    await untilQueries(h, 1);
    h.server.inject("StartQuery", { kind: "serverError", status: 500, count: 1 });
    const trace = await reading;
    expect(trace?.partial).toBe(true);
    expect(trace?.spans).toHaveLength(10_000);
    expect(trace?.note).toMatch(
      /^Query 2 of this trace's spans failed \(.*logs:StartQuery.*\): the first 10,000 spans of this trace in aws\/spans are shown\.$/,
    );

    // Cut short by a failure: not kept as an old trace is (for good), but only for the fresh TTL.
    expect((await h.source.getTrace(id(hex)))?.spans).toHaveLength(10_000);
    offsetMs = 11_000;
    const again = await h.source.getTrace(id(hex));
    expect(again?.partial).toBeUndefined();
    expect(again?.spans).toHaveLength(25_000);
  });

  it("stops a later page's query at the deadline, partial, with a note naming SPANS_TRACE_DEADLINE_MS", async () => {
    let offsetMs = 0;
    // Each query takes 5 s. Once page 2's query has started, the clock jumps past the 20 s
    // deadline (SPANS_TRACE_DEADLINE_MS), though not past one query's 30 s timeout.
    const { h, hex } = await withSpansSource({
      tail: "00000000000000000000e006",
      count: 25_000,
      perMs: 1,
      spans: { timeoutMs: 30_000 },
      queryRunMs: 5_000,
      source: { spansDeadlineMs: 20_000, now: () => Date.now() + offsetMs },
    });
    const reading = h.source.getTrace(id(hex));
    await untilQueries(h, 2, 60_000);
    // Well inside page 2's 5 s: its StartQuery has been answered, and its polling has begun.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    offsetMs = 25_000;
    const trace = await reading;
    expect(trace?.spans).toHaveLength(10_000);
    expect(trace?.partial).toBe(true);
    expect(trace?.note).toBe(
      "Reading this trace's spans took longer than 20 s (SPANS_TRACE_DEADLINE_MS), stopped in query 2: the first 10,000 spans of this trace in aws/spans are shown.",
    );
    expect(spansQueries(h)).toHaveLength(2);
    // The query cut short is stopped, not left running in the account.
    expect(h.calls("StopQuery")).toHaveLength(1);
  });

  it("starts no page after the deadline; the first page is read whatever the deadline", async () => {
    let offsetMs = 0;
    // The clock jumps past the deadline while page 1 runs: page 1 completes, no page 2 is asked for.
    const { h, hex } = await withSpansSource({
      tail: "00000000000000000000e007",
      count: 25_000,
      perMs: 1,
      spans: { deadlineMs: 1_000 },
      queryRunMs: 300,
      source: { now: () => Date.now() + offsetMs },
    });
    const reading = h.source.getTrace(id(hex));
    await untilQueries(h, 1);
    offsetMs = 2_000;
    const trace = await reading;
    expect(trace?.spans).toHaveLength(10_000);
    expect(trace?.partial).toBe(true);
    expect(trace?.note).toBe(
      "Reading this trace's spans took longer than 1 s (SPANS_TRACE_DEADLINE_MS), stopped before query 2: the first 10,000 spans of this trace in aws/spans are shown.",
    );
    expect(spansQueries(h)).toHaveLength(1);
    expect(h.calls("StopQuery")).toHaveLength(0);
  });

  it("says so when more than one page of spans share one millisecond", async () => {
    const { h, hex, startMs } = await withSpansSource({ tail: "00000000000000000000e005", count: 10_001, perMs: 20_000 });
    const trace = await h.source.getTrace(id(hex));
    expect(trace?.spans).toHaveLength(10_000);
    expect(trace?.partial).toBe(true);
    expect(trace?.note).toBe(
      `More than 10,000 spans of this trace share the millisecond ${new Date(startMs).toISOString()}, more than one query returns: the first 10,000 spans of this trace in aws/spans are shown.`,
    );
    expect(spansQueries(h)).toHaveLength(2);
  });
});
