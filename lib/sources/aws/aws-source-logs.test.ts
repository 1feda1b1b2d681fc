/**
 * AwsSource's logs side over the wire: Logs Insights queries started, polled, merged, retried
 * and stopped, with the real SDK clients against the AWS test server.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { ParsedTraceId } from "../../trace-id";
import { DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { type Harness, type HarnessOptions, id, inputOf, startHarness, until } from "./aws-test-setup";
import type { LogsResult } from "../../model";
import { requestIdLogsQuery, traceLogsQuery, wideTraceLogsQuery } from "./logs-query";
import { TRANSIENT_RETRIES } from "./trace-logs-entry";

let harness: Harness | null = null;

afterEach(async () => {
  const h = harness;
  harness = null;
  if (!h) return;
  // Whatever a test did, every query the source started was built from a trace ID alone.
  for (const call of h.calls("StartQuery")) {
    const query = String(inputOf(call).queryString);
    const ids = [LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID, LONG_TRACE_ID].map(id);
    // The wide query differs only in its SOURCE line, which names checked prefixes (or none).
    const wide = /^SOURCE logGroups\((namePrefix: \['[.\-_/#A-Za-z0-9]+'(, '[.\-_/#A-Za-z0-9]+'){0,4}\])?\)\n/;
    const accountWide = query.replace(wide, "SOURCE logGroups()\n");
    // The request-ID pass's query names the trace's Lambda invocation (its request ID, from the trace).
    expect([
      ...ids.map((t) => traceLogsQuery(t)),
      ...ids.map((t) => wideTraceLogsQuery(t, { kind: "account" })),
      requestIdLogsQuery([LAMBDA_REQUEST_ID]),
    ]).toContain(accountWide);
  }
  await h.close();
});

const A = id(LAMBDA_TRACE_ID);
/** The invocation of trace A's Lambda function, as its AWS::Lambda segment names it. */
const LAMBDA_REQUEST_ID = "ac086670-6373-11e7-a174-f31b3397f190";
const B = id(DYNAMODB_TRACE_ID);
/** Seconds of the fixtures' traces. */
const A_START = 1499473411.562;
const B_START = 1568835610.432;

const json = (fields: Record<string, unknown>) => JSON.stringify(fields);
const at = (seconds: number) => Math.round(seconds * 1000);

function report(requestId: string, traceId: string, segmentId: string): string {
  return [
    `REPORT RequestId: ${requestId}`,
    "Duration: 1740.12 ms",
    "Billed Duration: 1800 ms",
    "Memory Size: 128 MB",
    "Max Memory Used: 74 MB",
    "Init Duration: 166.62 ms",
    `XRAY TraceId: ${traceId}`,
    `SegmentId: ${segmentId}`,
    "Sampled: true",
  ].join("\t");
}

/** The Scorekeep traces, and log lines of trace A (and of others, which must not come back). */
async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness({ logGroups: "/app/scorekeep,/aws/lambda/random-name", ...options });
  const { server } = harness;
  server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  server.putSegments(fixtureSegments(SCOREKEEP_DYNAMODB));
  server.putLogEvents("/app/scorekeep", "web-1", [
    { timestamp: at(A_START - 600), message: json({ level: "info", traceId: LAMBDA_TRACE_ID, message: "ten minutes early: outside the window" }) },
    { timestamp: at(A_START + 0.1), message: json({ level: "info", traceId: LAMBDA_TRACE_ID, message: "creating user" }) },
    { timestamp: at(A_START + 0.2), message: json({ level: "error", trace_id: A.hex, spanId: "194fcc8747581230", message: "boom" }) },
    { timestamp: at(A_START + 0.3), message: "INFO another request 1-59602603-000000000000000000000001" },
  ]);
  server.putLogEvents("/aws/lambda/random-name", "2017/07/08/[$LATEST]0123", [
    { timestamp: at(A_START + 1.2), message: "START RequestId: 7a1c Version: $LATEST" },
    { timestamp: at(A_START + 3.0), message: report("7a1c", LAMBDA_TRACE_ID, "00f91aa01f4984fd") },
    { timestamp: at(A_START + 3.1), message: report("7a1d", "1-59602603-000000000000000000000002", "00f91aa01f4984fe") },
  ]);
  server.putLogEvents("/app/scorekeep", "web-2", [
    { timestamp: at(B_START + 0.1), message: json({ level: "warn", xrayTraceId: DYNAMODB_TRACE_ID, message: "slow table" }) },
  ]);
  return harness;
}

/** The StartQuery calls of the trace-ID search (not those of the request-ID pass). */
function traceStarts(h: Harness) {
  return h.calls("StartQuery").filter((c) => !String(inputOf(c).queryString).includes("@requestId"));
}

function settled(result: LogsResult): boolean {
  return result.status !== "running";
}

async function logsOf(h: Harness, traceId: ParsedTraceId, timeoutMs = 5_000): Promise<LogsResult> {
  return until(() => h.source.getTraceLogs(traceId), settled, timeoutMs);
}

describe("getTraceLogs", () => {
  it("answers running at once, then shows growing statistics, then the trace's events only", async () => {
    const h = await start();
    h.server.configure({ queryRunMs: 300 });
    const first = await h.source.getTraceLogs(A);
    expect(first).toMatchObject({ status: "running", events: [], stats: { recordsScanned: 0, bytesScanned: 0, recordsMatched: 0 } });
    const seen: LogsResult[] = [];
    const done = await until(async () => {
      const r = await h.source.getTraceLogs(A);
      seen.push(r);
      return r;
    }, settled);
    expect(done.status).toBe("complete");
    expect(done.message).toBeUndefined();
    expect(done.events.map((e) => e.message)).toEqual([
      json({ level: "info", traceId: LAMBDA_TRACE_ID, message: "creating user" }),
      json({ level: "error", trace_id: A.hex, spanId: "194fcc8747581230", message: "boom" }),
      report("7a1c", LAMBDA_TRACE_ID, "00f91aa01f4984fd"),
    ]);
    expect(done.events.every((e) => e.traceId === A.hex)).toBe(true);
    expect(done.events.map((e) => e.logGroup)).toEqual(["/app/scorekeep", "/app/scorekeep", "/aws/lambda/random-name"]);
    expect(done.passes?.find((p) => p.pass === "narrow")?.stats).toMatchObject({ recordsMatched: 3, recordsScanned: 6 });
    const bytes = done.stats?.bytesScanned ?? 0;
    expect(bytes).toBeGreaterThan(0);
    expect(done.cost).toEqual({ bytesScanned: bytes, pricePerGb: 0.005, estimatedUsd: Math.round((bytes / 2 ** 30) * 0.005 * 1e9) / 1e9 });
    const progress = seen.filter((r) => r.status === "running" && (r.stats?.bytesScanned ?? 0) > 0);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((r) => (r.stats?.bytesScanned ?? 0) <= bytes)).toBe(true);
  });

  it("attaches a Lambda REPORT line's figures as lambda.report.* fields", async () => {
    const h = await start();
    const done = await logsOf(h, A);
    const line = done.events.find((e) => e.message.startsWith("REPORT"));
    expect(line?.spanId).toBe("00f91aa01f4984fd");
    expect(line?.fields).toMatchObject({
      "lambda.report.requestId": "7a1c",
      "lambda.report.durationMs": 1740.12,
      "lambda.report.billedDurationMs": 1800,
      "lambda.report.memorySizeMb": 128,
      "lambda.report.maxMemoryUsedMb": 74,
      "lambda.report.initDurationMs": 166.62,
      "lambda.report.coldStart": true,
    });
  });

  it("queries with the query built from the ID alone, over the window around the ID's second", async () => {
    const h = await start();
    const header = id(`Root=${LAMBDA_TRACE_ID};Parent=194fcc8747581230;Sampled=1;Evil=") | filter 1=1 | display @message #`);
    await logsOf(h, header);
    const [call] = h.calls("StartQuery");
    const input = inputOf(call);
    expect(input.queryString).toBe(traceLogsQuery(A));
    expect(String(input.queryString)).not.toMatch(/Evil|1=1/);
    expect(input.logGroupNames).toEqual(["/app/scorekeep", "/aws/lambda/random-name"]);
    // 5 minutes before the ID's second; 15 minutes + 1 minute (the trace's own duration, guessed) after.
    expect([input.startTime, input.endTime]).toEqual([1499473411 - 300, 1499473411 + 960]);
    // The trace (3.2 s long) arrived meanwhile: its window is covered, no second query.
    expect(traceStarts(h)).toHaveLength(1);
  });

  it("starts the logs query with the trace fetch, not after it", async () => {
    const h = await start();
    h.server.configure({ latencyMs: { BatchGetTraces: 200 } });
    const trace = await h.source.getTrace(A);
    expect(trace).not.toBeNull();
    const [batch] = h.calls("BatchGetTraces");
    const [query] = h.calls("StartQuery");
    expect(query.at).toBeLessThan(batch.at + 200);
    expect((await logsOf(h, A)).events).toHaveLength(3);
    expect(h.calls("BatchGetTraces")).toHaveLength(1);
    expect(traceStarts(h)).toHaveLength(1);
  });

  it("shares one query among 50 concurrent requests, and polls once per interval however many browsers poll", async () => {
    const h = await start({ tuning: { pollIntervalMs: 100, maxPollIntervalMs: 100 } });
    h.server.configure({ queryRunMs: 600 });
    const started = Date.now();
    const browsers = Array.from({ length: 50 }, () => logsOf(h, A));
    const results = await Promise.all(browsers);
    const elapsed = Date.now() - started;
    expect(results.every((r) => r.status === "complete" && r.events.length === 3)).toBe(true);
    expect(traceStarts(h)).toHaveLength(1);
    const polls = h.calls("GetQueryResults").length;
    expect(polls).toBeGreaterThanOrEqual(1);
    // Each query (the trace's, and its Lambda invocation's) is polled at most once per interval.
    const queries = h.calls("StartQuery").length;
    expect(polls).toBeLessThanOrEqual(queries * (Math.ceil(elapsed / 100) + 1));
    // Finished, and the trace is years old: later requests are answered from the cache.
    await h.source.getTraceLogs(A);
    expect(h.calls("StartQuery")).toHaveLength(queries);
  });

  it("queues a StartQuery refused with LimitExceededException and retries it until it runs", async () => {
    const h = await start();
    h.server.configure({ queryRunMs: 300, maxConcurrentQueries: 1 });
    await h.source.getTraceLogs(A);
    await until(
      async () => h.calls("StartQuery").length,
      (n) => n >= 1,
    );
    const [a, b] = await Promise.all([logsOf(h, A), logsOf(h, B)]);
    expect(a.status).toBe("complete");
    expect(b.status).toBe("complete");
    expect(b.events.map((e) => e.message)).toEqual([json({ level: "warn", xrayTraceId: DYNAMODB_TRACE_ID, message: "slow table" })]);
    expect(h.calls("StartQuery").length).toBeGreaterThan(2);
  });

  it("fails with a clear message when the queue does not drain", async () => {
    const h = await start({ tuning: { startQueryBackoff: { baseMs: 5, maxMs: 10, retries: 2 } } });
    h.server.configure({ maxConcurrentQueries: 0 });
    const failed = await logsOf(h, A);
    expect(failed.status).toBe("failed");
    expect(failed.message).toMatch(/LimitExceededException.*retried 2 times/);
    expect(traceStarts(h)).toHaveLength(3);
  });

  it.each([
    ["Failed", /reported the query as Failed/],
    ["Timeout", /timed out \(Timeout\)/],
    ["Cancelled", /cancelled \(Cancelled\)/],
  ] as const)("shows a query that ends %s as failed", async (status, message) => {
    const h = await start();
    h.server.inject("StartQuery", { kind: "queryStatus", status });
    const result = await logsOf(h, A);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(message);
    expect(result.events).toEqual([]);
  });

  it("polls again after a transient GetQueryResults failure, instead of failing the query", async () => {
    const h = await start({ tuning: { startQueryBackoff: { baseMs: 5, maxMs: 10, retries: 2 } } });
    h.server.inject("GetQueryResults", { kind: "serverError", count: TRANSIENT_RETRIES, status: 503 });
    const result = await logsOf(h, A);
    expect(result.status).toBe("complete");
    expect(result.events.length).toBeGreaterThan(0);
  });

  it("fails the query, with the cause, once GetQueryResults keeps failing; a bounded number of polls", async () => {
    const h = await start();
    h.server.inject("GetQueryResults", { kind: "reset", count: 100 });
    const result = await logsOf(h, A);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/CloudWatch Logs did not answer in time or could not be reached \(ECONNRESET\)/);
    const queries = h.calls("StartQuery").length;
    expect(h.calls("GetQueryResults")).toHaveLength(queries * (TRANSIENT_RETRIES + 1));
  });

  it("retries StartQuery after transient throttling, a bounded number of times", async () => {
    const h = await start({ tuning: { startQueryBackoff: { baseMs: 5, maxMs: 10, retries: 2 } } });
    h.server.inject("StartQuery", { kind: "throttle", count: TRANSIENT_RETRIES });
    expect((await logsOf(h, A)).status).toBe("complete");
    h.server.inject("StartQuery", { kind: "throttle" });
    const before = h.calls("StartQuery").length;
    const failed = await logsOf(h, B);
    expect(failed.status).toBe("failed");
    expect(failed.message).toMatch(/throttling/);
    expect(h.calls("StartQuery").length - before).toBe(TRANSIENT_RETRIES + 1);
  });

  it("fails at once on a denied GetQueryResults (not transient)", async () => {
    const h = await start();
    h.server.inject("GetQueryResults", { kind: "accessDenied" });
    const result = await logsOf(h, A);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/logs:GetQueryResults/);
    expect(h.calls("GetQueryResults")).toHaveLength(h.calls("StartQuery").length);
  });

  it("names the IAM action when StartQuery is denied, and the trace still loads", async () => {
    const h = await start();
    h.server.inject("StartQuery", { kind: "accessDenied" });
    const result = await logsOf(h, A);
    expect(result.status).toBe("failed");
    expect(result.message).toMatch(/logs:StartQuery/);
    expect(await h.source.getTrace(A)).not.toBeNull();
  });

  it("stops a query nobody polls any more (StopQuery), and starts afresh on the next request", async () => {
    const h = await start({ tuning: { abandonAfterMs: 150 } });
    h.server.configure({ queryRunMs: 10_000 });
    await h.source.getTraceLogs(A);
    // Both the trace's query and its Lambda invocation's are stopped.
    await until(
      async () => h.calls("StopQuery").length,
      (n) => n === 2,
      3_000,
    );
    expect(h.source.openLogSearches).toBe(0);
    expect(traceStarts(h)).toHaveLength(1);
    await h.source.getTraceLogs(A);
    await until(
      async () => traceStarts(h).length,
      (n) => n === 2,
    );
  });

  it("keeps a query alive while someone polls it", async () => {
    const h = await start({ tuning: { abandonAfterMs: 150 } });
    h.server.configure({ queryRunMs: 500 });
    const done = await logsOf(h, A);
    expect(done.status).toBe("complete");
    expect(h.calls("StopQuery")).toHaveLength(0);
  });

  it("cancels on request, even while StartQuery is still in flight", async () => {
    const h = await start();
    h.server.configure({ queryRunMs: 10_000, latencyMs: { StartQuery: 100 } });
    await h.source.getTraceLogs(A);
    // The request has reached AWS; its answer (the query ID) has not come back yet.
    await until(
      async () => traceStarts(h).length,
      (n) => n === 1,
    );
    expect(await h.source.cancelTraceLogs(A)).toBe(true);
    expect(await h.source.cancelTraceLogs(A)).toBe(false);
    // Every query that reached AWS is stopped once its ID comes back.
    await until(
      async () => [h.calls("StopQuery").length, h.calls("StartQuery").length],
      ([stops, starts]) => stops >= 1 && stops === starts,
    );
  });

  it("starts nothing when cancelled before the query was started", async () => {
    const h = await start();
    await h.source.getTraceLogs(A);
    expect(await h.source.cancelTraceLogs(A)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(h.calls("StartQuery")).toHaveLength(0);
  });
});

describe("log groups", () => {
  it("splits more groups than maxGroupsPerQuery across queries and merges the events", async () => {
    const names = ["/g/a", "/g/b", "/g/c", "/g/d", "/g/e"];
    const h = await start({ logGroups: names.join(","), maxGroupsPerQuery: 2 });
    names.forEach((name, i) =>
      h.server.putLogEvents(name, "s", [{ timestamp: at(B_START + 0.01 * (5 - i)), message: json({ traceId: DYNAMODB_TRACE_ID, n: i }) }]),
    );
    const done = await logsOf(h, B);
    expect(done.status).toBe("complete");
    const groups = h.calls("StartQuery").map((c) => inputOf(c).logGroupNames);
    expect(groups).toEqual([["/g/a", "/g/b"], ["/g/c", "/g/d"], ["/g/e"]]);
    expect(done.events.map((e) => e.fields.n)).toEqual([4, 3, 2, 1, 0]);
    expect(done.stats?.recordsMatched).toBe(5);
  });

  it("without field indexes, the narrow pass goes on over the expanded prefix* (DescribeLogGroups once for many traces), and says so once", async () => {
    const h = await start({ logGroups: "/app/*", source: { logScope: "account" } });
    h.server.configure({ fieldIndexes: false });
    ["/app/x", "/app/y", "/other/z"].forEach((name, i) => {
      h.server.putLogEvents(name, "s", [{ timestamp: at(B_START + 0.03 + 0.01 * i), message: json({ traceId: DYNAMODB_TRACE_ID, group: name }) }]);
    });
    const done = await logsOf(h, B);
    expect(inputOf(h.calls("DescribeLogGroups")[0]).logGroupNamePrefix).toBe("/app/");
    const narrow = h.calls("StartQuery").filter((c) => inputOf(c).logGroupNames !== undefined);
    expect(inputOf(narrow[0]).logGroupNames).toEqual(["/app/scorekeep", "/app/x", "/app/y"]);
    expect(done.events.map((e) => e.fields.group ?? e.fields.level)).toEqual(["/app/x", "/app/y", "warn"]);
    expect(done.events.map((e) => e.pass)).toEqual(["narrow", "narrow", "narrow"]);
    expect(done.status).toBe("complete");
    expect(done.message?.match(/wide search \(filterIndex traceId over every log group of the account\) was refused \(MalformedQueryException/g)).toHaveLength(
      1,
    );
    await logsOf(h, A);
    expect(h.calls("DescribeLogGroups")).toHaveLength(1);
  });

  it("adds the groups the trace names (its Lambda function's) once the trace is known", async () => {
    const h = await start({ logGroups: "/app/scorekeep" });
    const done = await logsOf(h, A);
    expect(traceStarts(h).map((c) => inputOf(c).logGroupNames)).toEqual([["/app/scorekeep"], ["/aws/lambda/random-name"]]);
    expect(done.events).toHaveLength(3);
  });

  it("drops a log group that does not exist and says so (partial)", async () => {
    const h = await start({ logGroups: "/app/scorekeep,/app/missing" });
    const done = await logsOf(h, B);
    expect(done.status).toBe("partial");
    expect(done.message).toBe("The log group /app/missing does not exist: skipped.");
    expect(done.events).toHaveLength(1);
    expect(h.calls("StartQuery").map((c) => inputOf(c).logGroupNames)).toEqual([["/app/scorekeep", "/app/missing"], ["/app/scorekeep"]]);
  });

  it("finds the missing group by halves when the error does not name it", async () => {
    const h = await start({ logGroups: "/app/scorekeep,/aws/lambda/random-name" });
    h.server.inject("StartQuery", { kind: "resourceNotFound", count: 1 });
    const done = await logsOf(h, A);
    // The unnamed failure was transient here: both halves ran.
    expect(done.status).toBe("complete");
    expect(done.events).toHaveLength(3);
    expect(traceStarts(h).map((c) => inputOf(c).logGroupNames)).toEqual([
      ["/app/scorekeep", "/aws/lambda/random-name"],
      ["/app/scorekeep"],
      ["/aws/lambda/random-name"],
    ]);
  });

  it("fails when no group exists", async () => {
    const h = await start({ logGroups: "/nope/a,/nope/b" });
    const done = await logsOf(h, B);
    expect(done.status).toBe("failed");
    expect(done.message).toBe("The log groups /nope/a, /nope/b do not exist: skipped.");
  });

  it("says when there is no group to search", async () => {
    const h = await start({ logGroups: "" });
    const done = await logsOf(h, B);
    expect(done.status).toBe("complete");
    expect(done.message).toMatch(/No log group to search: set LOG_GROUPS/);
    expect(h.calls("StartQuery")).toHaveLength(0);
  });
});

const LONG_TRACE_ID = "1-6553f100-aaaaaaaaaaaaaaaaaaaaaaaa";

describe("the trace's real window", () => {
  it("queries the part of a long trace's window the first query did not cover", async () => {
    const h = await start({ logGroups: "/app/jobs" });
    const t = 0x6553f100;
    h.server.putSegments([{ id: "c0ffee0000000001", trace_id: LONG_TRACE_ID, name: "long-job", start_time: t, end_time: t + 600 }]);
    h.server.putLogEvents("/app/jobs", "s", [
      { timestamp: (t + 1) * 1000, message: json({ traceId: LONG_TRACE_ID, step: "start" }) },
      { timestamp: (t + 1200) * 1000, message: json({ traceId: LONG_TRACE_ID, step: "late" }) },
      { timestamp: (t + 2000) * 1000, message: json({ traceId: LONG_TRACE_ID, step: "too late" }) },
    ]);
    const done = await logsOf(h, id(LONG_TRACE_ID));
    expect(done.events.map((e) => e.fields.step)).toEqual(["start", "late"]);
    const windows = h.calls("StartQuery").map((c) => [inputOf(c).startTime, inputOf(c).endTime]);
    expect(windows).toEqual([
      [t - 300, t + 960],
      [t + 961, t + 600 + 900],
    ]);
  });
});
