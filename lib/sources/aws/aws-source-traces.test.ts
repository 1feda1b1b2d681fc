/**
 * AwsSource's trace side over the wire: the real SDK clients against the AWS test server.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error";
import { DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { type Harness, type HarnessOptions, id, inputOf, startHarness } from "./aws-test-setup";
import { LIMIT_EXCEEDED_NOTE, batchGetXRayTraces } from "./aws-trace-fetch";

let harness: Harness | null = null;

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness(options);
  harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  harness.server.putSegments(fixtureSegments(SCOREKEEP_DYNAMODB));
  return harness;
}

afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

// The Scorekeep traces of the fixtures: 2017-07-08 and 2019-09-18.
const LAMBDA_START = 1499473411.562 * 1000;
const DYNAMODB_START = 1568835610.432 * 1000;

describe("getTrace", () => {
  it("converts BatchGetTraces' segments: parents, services, origins", async () => {
    const { source } = await start();
    const trace = await source.getTrace(id(LAMBDA_TRACE_ID));
    expect(trace).not.toBeNull();
    expect(trace?.traceId).toBe("5960260323fc5b688855d396af79b496");
    expect(trace?.services).toEqual(["Scorekeep", "random-name", "SNS", "DynamoDB"]);
    const byId = new Map(trace?.spans.map((s) => [s.spanId, s]));
    expect(byId.get("194fcc8747581230")?.parentSpanId).toBeNull();
    expect(byId.get("00f91aa01f4984fd")?.parentSpanId).toBe("1fb07842d944e714");
    expect(byId.get("00f91aa01f4984fd")?.origin).toBe("AWS::Lambda::Function");
    expect(trace?.partial).toBeUndefined();
  });

  it("accepts the W3C and header forms of the ID and asks X-Ray with the X-Ray form", async () => {
    const { source, calls } = await start();
    expect((await source.getTrace(id("5d82881a0a9126e92a73e971eed891b9")))?.xrayTraceId).toBe(DYNAMODB_TRACE_ID);
    expect(inputOf(calls("BatchGetTraces")[0]).TraceIds).toEqual([DYNAMODB_TRACE_ID]);
  });

  it("is null for a trace X-Ray does not have", async () => {
    const { source, calls } = await start();
    expect(await source.getTrace(id("1-59602603-000000000000000000000001"))).toBeNull();
    // Not found: the segment destination is checked once (not a Transaction Search account).
    expect(calls("GetTraceSegmentDestination")).toHaveLength(1);
  });

  it("shares one BatchGetTraces among 50 concurrent requests, then serves an old trace from the cache", async () => {
    const { source, server, calls } = await start();
    server.configure({ latencyMs: { BatchGetTraces: 100 } });
    const traces = await Promise.all(Array.from({ length: 50 }, () => source.getTrace(id(LAMBDA_TRACE_ID))));
    expect(new Set(traces).size).toBe(1);
    expect(traces[0]?.spans.length).toBeGreaterThan(5);
    expect(calls("BatchGetTraces")).toHaveLength(1);
    await source.getTrace(id(LAMBDA_TRACE_ID));
    expect(calls("BatchGetTraces")).toHaveLength(1);
  });

  it("asks again for UnprocessedTraceIds", async () => {
    const { source, server, calls } = await start();
    server.inject("BatchGetTraces", { kind: "unprocessed", traceIds: [LAMBDA_TRACE_ID] });
    const trace = await source.getTrace(id(LAMBDA_TRACE_ID));
    expect(trace?.spans.length).toBeGreaterThan(5);
    expect(calls("BatchGetTraces")).toHaveLength(2);
  });

  it("falls back to StartTraceRetrieval / ListRetrievedTraces on a Transaction Search account", async () => {
    const { source, server, calls } = await start();
    server.configure({ transactionSearch: true, queryRunMs: 50 });
    const trace = await source.getTrace(id(LAMBDA_TRACE_ID));
    expect(trace?.services).toContain("random-name");
    expect(calls("BatchGetTraces")).toHaveLength(1);
    expect(calls("GetTraceSegmentDestination")).toHaveLength(1);
    expect(inputOf(calls("StartTraceRetrieval")[0]).TraceIds).toEqual([LAMBDA_TRACE_ID]);
    expect(calls("ListRetrievedTraces").length).toBeGreaterThanOrEqual(2);
  });

  it("names the missing IAM action when AWS denies access", async () => {
    const { source, server } = await start();
    server.inject("BatchGetTraces", { kind: "accessDenied" });
    const error = await rejection(source.getTrace(id(LAMBDA_TRACE_ID)));
    expect([error.status, error.code]).toEqual([502, "aws_access_denied"]);
    expect(error.message).toMatch(/xray:BatchGetTraces/);
    expect(error.message).not.toMatch(/arn:aws/);
  });

  it("is a 503 when X-Ray throttles beyond the retries, a 504 when the connection drops", async () => {
    const { source, server } = await start();
    server.inject("BatchGetTraces", { kind: "throttle", count: 1 });
    expect((await rejection(source.getTrace(id(LAMBDA_TRACE_ID)))).code).toBe("aws_throttled");
    server.inject("BatchGetTraces", { kind: "reset", count: 1 });
    const reset = await rejection(source.getTrace(id(LAMBDA_TRACE_ID)));
    expect([reset.status, reset.code]).toEqual([504, "aws_unreachable"]);
    // A failure is not cached: the next request succeeds.
    expect(await source.getTrace(id(LAMBDA_TRACE_ID))).not.toBeNull();
  });

  it("retries throttling itself when the SDK is allowed to", async () => {
    const { source, server, calls } = await start({ clients: { maxAttempts: 3 } });
    server.inject("BatchGetTraces", { kind: "throttle", count: 1 });
    expect(await source.getTrace(id(LAMBDA_TRACE_ID))).not.toBeNull();
    expect(calls("BatchGetTraces")).toHaveLength(2);
  });
});

describe("findTraces", () => {
  const window = { from: LAMBDA_START - 60_000, to: LAMBDA_START + 60_000, limit: 20 };

  it("asks a page throttled past the SDK's retries again alone, keeping the pages already read", async () => {
    const { source, server, calls } = await start({ tuning: { throttleBackoff: { baseMs: 1, maxMs: 2, retries: 2 } } });
    // 800 days: ten 24-hour slices, one GetTraceSummaries call each; the 4th is throttled twice.
    server.inject("GetTraceSummaries", { kind: "throttle", count: 2, after: 3 });
    const traces = await source.findTraces({ from: LAMBDA_START - 60_000, to: DYNAMODB_START + 60_000, limit: 20 });
    expect(traces.map((t) => t.xrayTraceId)).toEqual([DYNAMODB_TRACE_ID]);
    const asked = calls("GetTraceSummaries").map((c) => (inputOf(c) as { EndTime: number }).EndTime);
    // Ten slices and two more tries of the fourth: no slice before it is read twice.
    expect(asked).toHaveLength(12);
    expect(new Set(asked).size).toBe(10);
    expect(asked.slice(3, 6)).toEqual([asked[3], asked[3], asked[3]]);
  });

  it("lists the window's traces, newest first", async () => {
    const { source, calls } = await start();
    const traces = await source.findTraces({ from: LAMBDA_START - 60_000, to: DYNAMODB_START + 60_000, limit: 20 });
    // 800 days: X-Ray takes 24 hours per call, so only the newest slices are read (page cap 10).
    expect(traces.map((t) => t.xrayTraceId)).toEqual([DYNAMODB_TRACE_ID]);
    expect(calls("GetTraceSummaries")).toHaveLength(10);
    const near = await source.findTraces(window);
    expect(near.map((t) => t.xrayTraceId)).toEqual([LAMBDA_TRACE_ID]);
    expect(near[0]).toMatchObject({ rootService: "Scorekeep", rootName: "POST /api/user", status: "ok" });
  });

  it("builds the FilterExpression from the typed filters only", async () => {
    const { source, calls } = await start();
    const found = await source.findTraces({ ...window, service: "random-name", minDurationMs: 3000, status: "ok" });
    expect(found.map((t) => t.xrayTraceId)).toEqual([LAMBDA_TRACE_ID]);
    expect(inputOf(calls("GetTraceSummaries")[0]).FilterExpression).toBe(
      'service("random-name") AND duration >= 3 AND NOT error AND NOT throttle AND NOT fault',
    );
    expect(await source.findTraces({ ...window, minDurationMs: 3300 })).toEqual([]);
    expect(await source.findTraces({ ...window, status: "fault" })).toEqual([]);
  });

  it("passes a raw filter expression through, in parentheses", async () => {
    const { source, calls } = await start();
    const found = await source.findTraces({ ...window, service: "Scorekeep", filterExpression: 'http.method = "POST" OR user = "x"' });
    expect(found).toHaveLength(1);
    expect(inputOf(calls("GetTraceSummaries")[0]).FilterExpression).toBe('service("Scorekeep") AND (http.method = "POST" OR user = "x")');
  });

  it("rejects a service name that could leave its string, and a raw expression that could widen the filter", async () => {
    const { source, calls } = await start();
    const service = await rejection(source.findTraces({ ...window, service: 'x") OR service("y' }));
    expect([service.status, service.code]).toEqual([400, "invalid_filter"]);
    const raw = await rejection(source.findTraces({ ...window, service: "Scorekeep", filterExpression: "ok) OR (fault" }));
    expect(raw.message).toMatch(/never opened/);
    expect(calls("GetTraceSummaries")).toHaveLength(0);
    const bad = await rejection(source.findTraces({ ...window, filterExpression: "nonsense >= 1" }));
    expect([bad.status, bad.code]).toEqual([400, "invalid_filter"]);
    expect(bad.message).toMatch(/X-Ray rejected the filter expression/);
  });

  it("never answers one search with another's results: the cache and coalescing key is the whole query", async () => {
    const { source, server, calls } = await start();
    server.configure({ latencyMs: { GetTraceSummaries: 100 } });
    const queries = [
      window,
      { ...window, operation: "GET /api/nothing" },
      { ...window, maxDurationMs: 1_000 },
      { ...window, attributes: [{ key: "UserID", value: "nobody" }] },
      { ...window, attributes: [{ key: "UserID", value: "5M388M1E" }] },
      { ...window, filterExpression: "fault" },
    ];
    // Concurrent: each query its own upstream call, none coalesced with another.
    const answers = await Promise.all(queries.map((q) => source.findTraces(q)));
    expect(answers.map((a) => a.map((t) => t.xrayTraceId))).toEqual([[LAMBDA_TRACE_ID], [], [], [], [LAMBDA_TRACE_ID], []]);
    expect(calls("GetTraceSummaries")).toHaveLength(queries.length);
    // Cached: the same answers again, without asking X-Ray; the same query in another order is one key.
    const again = await Promise.all(queries.map((q) => source.findTraces(q)));
    expect(again.map((a) => a.length)).toEqual([1, 0, 0, 0, 1, 0]);
    await source.findTraces({ attributes: [{ key: "UserID", value: "5M388M1E" }], limit: window.limit, to: window.to, from: window.from });
    expect(calls("GetTraceSummaries")).toHaveLength(queries.length);
  });

  it("cuts windows longer than 24 hours into slices, newest first", async () => {
    const { source, calls } = await start();
    const to = LAMBDA_START + 60_000;
    const found = await source.findTraces({ from: to - 30 * 3_600_000, to, limit: 20 });
    expect(found.map((t) => t.xrayTraceId)).toEqual([LAMBDA_TRACE_ID]);
    const slices = calls("GetTraceSummaries").map((c) => inputOf(c));
    expect(slices).toHaveLength(2);
    expect(Number(slices[0].EndTime) - Number(slices[0].StartTime)).toBe(24 * 3600);
    expect(Number(slices[1].EndTime)).toBe(Number(slices[0].StartTime));
  });

  it("stops reading slices once it has `limit` traces", async () => {
    const { source, calls } = await start();
    const to = LAMBDA_START + 60_000;
    await source.findTraces({ from: to - 72 * 3_600_000, to, limit: 1 });
    expect(calls("GetTraceSummaries")).toHaveLength(1);
  });

  it("pages with NextToken up to the page cap", async () => {
    const { source, server, calls } = await start({ source: { summaryPageCap: 2 } });
    const base = 1_700_000_000;
    server.putSegments(
      Array.from({ length: 25 }, (_, i) => ({
        id: (0x1000 + i).toString(16).padStart(16, "0"),
        trace_id: `1-${(base + i).toString(16)}-${"a".repeat(23)}${(i % 16).toString(16)}`,
        name: "pager",
        start_time: base + i,
        end_time: base + i + 0.5,
      })),
    );
    const found = await source.findTraces({ from: base * 1000 - 1000, to: base * 1000 + 60_000, limit: 100 });
    expect(calls("GetTraceSummaries")).toHaveLength(2);
    expect(found).toHaveLength(20);
    expect(found[0].startTime).toBeGreaterThan(found[19].startTime);
  });
});

describe("batchGetXRayTraces", () => {
  it("asks for at most 5 IDs a call", async () => {
    const { clients, calls } = await start();
    const ids = [LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID, ...[1, 2, 3, 4].map((n) => `1-59602603-00000000000000000000000${n}`)].map(id);
    const traces = await batchGetXRayTraces(clients.xray, ids, { baseMs: 1, maxMs: 1, retries: 0 });
    const sizes = calls("BatchGetTraces").map((c) => {
      const asked = inputOf(c).TraceIds;
      return Array.isArray(asked) ? asked.length : 0;
    });
    expect(sizes).toEqual([5, 1]);
    expect([...traces.values()].map((t) => t?.xrayTraceId ?? null)).toEqual([LAMBDA_TRACE_ID, DYNAMODB_TRACE_ID, null, null, null, null]);
  });
});

describe("partial traces", () => {
  it("marks a trace X-Ray cut short (LimitExceeded) as partial, with a note", async () => {
    const { source, server } = await start();
    // The test server never sets LimitExceeded: mark BatchGetTraces' answers in an SDK middleware.
    harness?.clients.xray.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        const output = result.output;
        if (context.commandName === "BatchGetTracesCommand" && "Traces" in output && Array.isArray(output.Traces)) {
          for (const trace of output.Traces) Object.assign(trace, { LimitExceeded: true });
        }
        return result;
      },
      { step: "initialize", name: "markLimitExceeded" },
    );
    expect(server.calls).toHaveLength(0);
    const trace = await source.getTrace(id(DYNAMODB_TRACE_ID));
    expect(trace?.partial).toBe(true);
    expect(trace?.note).toBe(LIMIT_EXCEEDED_NOTE);
  });
});
