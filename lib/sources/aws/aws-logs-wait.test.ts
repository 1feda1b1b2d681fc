/**
 * Server-driven polling of Logs Insights and the long poll (`waitMs`), over the wire with the
 * real SDK clients against the AWS test server: queries are seen complete without any browser
 * polling, one GetQueryResults per poll however many requests wait, and waiting leaves nothing
 * behind.
 */
import { setMaxListeners } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import type { LogsResult } from "../../model";
import { type Harness, type HarnessOptions, FAST_TUNING, id, startHarness, until } from "./aws-test-setup";
import { DEFAULT_QUERY_MARGINS } from "./logs-query";
import { POLL_AGE_RATIO, TraceLogsEntry, pollDelayMs } from "./trace-logs-entry";

let harness: Harness | null = null;

afterEach(async () => {
  const h = harness;
  harness = null;
  if (h) await h.close();
});

const A = id(LAMBDA_TRACE_ID);
const A_START = 1499473411.562;

/**
 * Trace A's documents without the invocation's request ID (the AWS::Lambda segment's
 * `aws.request_id`): no request-ID pass, so the trace's logs search is one query.
 */
function withoutRequestIds(documents: object[]): object[] {
  return documents.map((doc) => {
    const copy = structuredClone(doc) as { origin?: string; aws?: Record<string, unknown> };
    if (copy.origin === "AWS::Lambda" && copy.aws) delete copy.aws.request_id;
    return copy;
  });
}

/** Trace A (a Lambda trace), one log line of it, and its Lambda group (configured: one query). */
async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness({ logGroups: "/app/scorekeep,/aws/lambda/random-name", ...options });
  harness.server.putSegments(withoutRequestIds(fixtureSegments(SCOREKEEP_LAMBDA)));
  const at = (seconds: number) => Math.round((A_START + seconds) * 1000);
  harness.server.putLogEvents("/app/scorekeep", "web-1", [
    { timestamp: at(0.1), message: JSON.stringify({ traceId: LAMBDA_TRACE_ID, message: "creating user" }) },
  ]);
  harness.server.putLogEvents("/aws/lambda/random-name", "s", [{ timestamp: at(1.2), message: "START RequestId: 7a1c Version: $LATEST" }]);
  return harness;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A request with `waitMs`, and how long it was held. */
async function timed(h: Harness, waitMs: number, signal?: AbortSignal): Promise<{ result: LogsResult; ms: number }> {
  const t = Date.now();
  const result = await h.source.getTraceLogs(A, { waitMs, signal });
  return { result, ms: Date.now() - t };
}

describe("pollDelayMs", () => {
  it("is the minimum for a young query, a fixed share of the age later, and never above the maximum", () => {
    expect(pollDelayMs(0, 250, 5_000)).toBe(250);
    expect(pollDelayMs(1_000, 250, 5_000)).toBe(250);
    expect(pollDelayMs(10_000, 250, 5_000)).toBeCloseTo(POLL_AGE_RATIO * 10_000);
    expect(pollDelayMs(600_000, 250, 5_000)).toBe(5_000);
  });
});

describe("server-driven polling", () => {
  it("sees a query complete within about one minimum interval of completing, with no browser polling", async () => {
    const h = await start({ tuning: { pollIntervalMs: 50, maxPollIntervalMs: 50 } });
    h.server.configure({ queryRunMs: 300 });
    expect((await h.source.getTraceLogs(A)).status).toBe("running");
    // Nobody asks again: the search polls by itself and keeps its result once complete.
    await until(
      async () => h.source.openLogSearches,
      (n) => n === 0,
      3_000,
    );
    const seenAt = Date.now();
    const [query] = h.calls("StartQuery");
    const completedAt = query.at + 300;
    expect(seenAt - completedAt).toBeLessThan(50 + 60);
    expect(h.calls("GetQueryResults").length).toBeGreaterThanOrEqual(2);
    const done = await h.source.getTraceLogs(A);
    expect(done.status).toBe("complete");
    expect(done.events).toHaveLength(1);
    expect(h.calls("StartQuery")).toHaveLength(1);
  });

  it("polls once per interval however many requests wait", async () => {
    const h = await start({ tuning: { pollIntervalMs: 100, maxPollIntervalMs: 100 } });
    h.server.configure({ queryRunMs: 600 });
    const started = Date.now();
    const browser = () =>
      until(
        () => h.source.getTraceLogs(A, { waitMs: 2_000 }),
        (r) => r.status !== "running",
      );
    const results = await Promise.all(Array.from({ length: 50 }, browser));
    const elapsed = Date.now() - started;
    expect(results.every((r) => r.status === "complete" && r.events.length === 1)).toBe(true);
    expect(h.calls("StartQuery")).toHaveLength(1);
    const polls = h.calls("GetQueryResults").length;
    expect(polls).toBeGreaterThanOrEqual(1);
    expect(polls).toBeLessThanOrEqual(Math.ceil(elapsed / 100) + 1);
    // Complete: answered at once from the result kept, with no wait.
    expect((await timed(h, 5_000)).ms).toBeLessThan(50);
  });

  it("stops polling once the query is abandoned (StopQuery)", async () => {
    const h = await start({ tuning: { pollIntervalMs: 20, maxPollIntervalMs: 20, abandonAfterMs: 150 } });
    h.server.configure({ queryRunMs: 10_000 });
    await h.source.getTraceLogs(A);
    await until(
      async () => h.calls("StopQuery").length,
      (n) => n === 1,
      3_000,
    );
    expect(h.source.openLogSearches).toBe(0);
    const polls = h.calls("GetQueryResults").length;
    expect(polls).toBeGreaterThan(0);
    await sleep(150);
    expect(h.calls("GetQueryResults")).toHaveLength(polls);
  });
});

describe("waitMs (long poll)", () => {
  it("answers as soon as the query completes", async () => {
    const h = await start({ tuning: { pollIntervalMs: 400, maxPollIntervalMs: 400 } });
    h.server.configure({ queryRunMs: 300 });
    // The first poll (400 ms after the start) finds the query complete: nothing changes before.
    const { result, ms } = await timed(h, 5_000);
    expect(result.status).toBe("complete");
    expect(result.events).toHaveLength(1);
    expect(ms).toBeGreaterThan(300);
    expect(ms).toBeLessThan(400 + 300);
    expect(h.calls("GetQueryResults")).toHaveLength(1);
  });

  it("times out with `running` on a long query, and answers each time the statistics grow", async () => {
    const h = await start({ tuning: { pollIntervalMs: 600, maxPollIntervalMs: 600 } });
    // Scheduled (no statistics) for its first 300 ms, then Running with growing statistics.
    h.server.configure({ queryRunMs: 3_000 });
    const first = await timed(h, 200);
    expect(first.result.status).toBe("running");
    expect(first.result.stats?.recordsScanned).toBe(0);
    expect(first.ms).toBeGreaterThanOrEqual(195);
    expect(first.ms).toBeLessThan(400);
    // The first poll brings statistics: the next request is answered then, not after 3 s.
    const second = await timed(h, 3_000);
    expect(second.result.status).toBe("running");
    expect(second.ms).toBeLessThan(1_000);
    const third = await timed(h, 3_000);
    expect(third.result.status).toBe("running");
    expect(third.ms).toBeLessThan(1_000);
    const scanned = [second, third].map((r) => r.result.stats?.bytesScanned ?? 0);
    expect(scanned[0]).toBeGreaterThan(0);
    expect(scanned[1]).toBeGreaterThan(scanned[0]);
    expect(h.calls("GetQueryResults")).toHaveLength(2);
  });

  it("keeps the search alive while a request is held, and abandons it once nobody asks", async () => {
    const h = await start({ tuning: { pollIntervalMs: 5_000, maxPollIntervalMs: 5_000, abandonAfterMs: 150 } });
    h.server.configure({ queryRunMs: 60_000 });
    // Held 600 ms, four times abandonAfterMs, with nothing changing meanwhile.
    const held = await timed(h, 600);
    expect(held.result.status).toBe("running");
    expect(held.ms).toBeGreaterThanOrEqual(595);
    expect(h.calls("StopQuery")).toHaveLength(0);
    expect(h.source.openLogSearches).toBe(1);
    // Answered: idle from now on, stopped about abandonAfterMs later.
    const answeredAt = Date.now();
    await until(
      async () => h.calls("StopQuery").length,
      (n) => n === 1,
      3_000,
    );
    expect(Date.now() - answeredAt).toBeGreaterThanOrEqual(140);
    expect(h.source.openLogSearches).toBe(0);
  });

  it("stops waiting when the browser goes away, and the search is then abandoned", async () => {
    const h = await start({ tuning: { pollIntervalMs: 5_000, maxPollIntervalMs: 5_000, abandonAfterMs: 150 } });
    h.server.configure({ queryRunMs: 60_000 });
    const gone = new AbortController();
    setTimeout(() => gone.abort(), 50);
    const aborted = await timed(h, 5_000, gone.signal);
    expect(aborted.ms).toBeLessThan(200);
    await until(
      async () => h.calls("StopQuery").length,
      (n) => n === 1,
      3_000,
    );
    // Already aborted: answered at once (the search starts afresh).
    expect((await timed(h, 5_000, gone.signal)).ms).toBeLessThan(50);
  });

  it("wakes the waiting requests when the search is cancelled", async () => {
    const h = await start({ tuning: { pollIntervalMs: 5_000, maxPollIntervalMs: 5_000 } });
    h.server.configure({ queryRunMs: 60_000 });
    await h.source.getTraceLogs(A);
    await until(
      async () => h.calls("StartQuery").length,
      (n) => n === 1,
    );
    // The plan is done (the trace loaded): only the query runs.
    await sleep(100);
    const waiting = timed(h, 5_000);
    await sleep(20);
    expect(await h.source.cancelTraceLogs(A)).toBe(true);
    const { result, ms } = await waiting;
    expect(ms).toBeLessThan(500);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/cancelled/);
  });
});

describe("TraceLogsEntry.waitForChange", () => {
  it("leaves no waiter behind, whether it timed out, was aborted or saw a change", async () => {
    const h = await start();
    h.server.configure({ queryRunMs: 400 });
    let changes = 0;
    const entry = new TraceLogsEntry(
      A,
      {
        logs: h.clients.logs,
        maxGroupsPerQuery: 50,
        margins: DEFAULT_QUERY_MARGINS,
        prefetchAllowanceMs: FAST_TUNING.prefetchAllowanceMs,
        pollIntervalMs: 100,
        maxPollIntervalMs: 100,
        startBackoff: FAST_TUNING.startQueryBackoff,
        pricePerGb: 0.005,
        now: Date.now,
      },
      { configured: async () => ({ groups: ["/app/scorekeep"], problems: [], uncovered: [] }), loadTrace: async () => null },
      () => changes++,
    );
    try {
      const gone = new AbortController();
      // 20 requests on one signal here; each browser request has its own in the route.
      setMaxListeners(20, gone.signal);
      const timeouts = Array.from({ length: 20 }, () => entry.waitForChange(10));
      const aborted = Array.from({ length: 20 }, () => entry.waitForChange(60_000, gone.signal));
      const changed = Array.from({ length: 20 }, () => entry.waitForChange(60_000));
      expect(entry.waiting).toBe(60);
      await Promise.all(timeouts);
      expect(entry.waiting).toBe(40);
      gone.abort();
      await Promise.all(aborted);
      expect(entry.waiting).toBe(20);
      // The plan done, then the first poll with statistics: a change for those still waiting.
      await Promise.all(changed);
      expect(entry.waiting).toBe(0);
      await until(
        async () => entry.finished,
        (f) => f,
        3_000,
      );
      expect(entry.result().status).toBe("complete");
      expect(changes).toBeGreaterThan(0);
      // Finished: no timer left to poll again.
      const polls = h.calls("GetQueryResults").length;
      await sleep(250);
      expect(h.calls("GetQueryResults")).toHaveLength(polls);
    } finally {
      await entry.stop();
    }
  });
});
