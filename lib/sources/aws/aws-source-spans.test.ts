/**
 * TRACE_STORE over the wire: traces that exist only in Transaction Search's `aws/spans` log
 * group of the AWS test server, read with the real SDK clients.
 */
import { CloudWatchLogsClient, PutLogEventsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../http/api-error";
import type { TraceStore } from "./aws-config";
import { type Harness, id, inputOf, startHarness } from "./aws-test-setup";

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function start(traceStore: TraceStore, transactionSearch = true): Promise<Harness> {
  harness = await startHarness({ source: { traceStore } });
  harness.server.configure({ transactionSearch, queryRunMs: 30 });
  return harness;
}

const hexAt = (startMs: number, tail: string) => Math.floor(startMs / 1000).toString(16) + tail;
const nanos = (ms: number) => String(BigInt(Math.round(ms * 1000)) * 1000n);

interface SpanSpec {
  spanId: string;
  parent?: string;
  service: string;
  name: string;
  at: number;
  ms: number;
  http?: number;
  error?: boolean;
}

/** Span records as Transaction Search stores them. */
function records(traceId: string, start: number, specs: SpanSpec[]): object[] {
  return specs.map((s) => ({
    resource: { attributes: { "service.name": s.service, "cloud.provider": "aws", "cloud.platform": "aws_lambda" } },
    scope: { name: "opentelemetry.instrumentation.aws_lambda", version: "0.48b0" },
    traceId,
    spanId: s.spanId,
    ...(s.parent ? { parentSpanId: s.parent } : {}),
    flags: 256,
    name: s.name,
    kind: s.parent ? "CLIENT" : "SERVER",
    startTimeUnixNano: nanos(start + s.at),
    endTimeUnixNano: nanos(start + s.at + s.ms),
    durationNano: Math.round(s.ms * 1e6),
    attributes: s.http ? { "http.response.status_code": s.http } : {},
    status: { code: s.error ? "ERROR" : "UNSET" },
  }));
}

function checkout(traceId: string, start: number): object[] {
  return records(traceId, start, [
    { spanId: "1000000000000001", service: "checkout", name: "POST /checkout", at: 0, ms: 800, http: 200 },
    { spanId: "1000000000000002", parent: "1000000000000001", service: "checkout", name: "DynamoDB.PutItem", at: 10, ms: 40, http: 200 },
    { spanId: "1000000000000003", parent: "1000000000000001", service: "checkout", name: "POST /charge", at: 60, ms: 700, http: 503 },
  ]);
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (ApiError.is(error)) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

const DAY = 86_400_000;

describe("TRACE_STORE=spans: getTrace", () => {
  it("reads the trace from aws/spans with one Logs Insights query, never asking X-Ray", async () => {
    const { server, source, calls } = await start("spans");
    const startMs = Date.now() - 20 * 60_000;
    const hex = hexAt(startMs, "9f0e4d3c8b7a6f5e4d3c2b1a");
    server.putSpans(checkout(hex, startMs));
    const trace = await source.getTrace(id(hex));
    expect(trace?.store).toBe("aws/spans");
    expect(trace?.pastXRayRetention).toBeUndefined();
    expect(trace?.spans.map((s) => [s.spanId, s.parentSpanId, s.status])).toEqual([
      ["1000000000000001", null, "ok"],
      ["1000000000000002", "1000000000000001", "ok"],
      ["1000000000000003", "1000000000000001", "fault"],
    ]);
    expect(trace?.spans[0].origin).toBe("AWS::Lambda::Function");
    const spanQueries = calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans");
    expect(spanQueries).toHaveLength(1);
    expect(inputOf(spanQueries[0]).queryString).toContain(`filter traceId = "${hex}"`);
    // The window is around the ID's epoch second.
    expect(inputOf(spanQueries[0]).startTime).toBe(Math.floor(startMs / 1000) - 300);
    expect(calls("BatchGetTraces")).toHaveLength(0);
  });

  it("says when the trace is past X-Ray's 30 days", async () => {
    const { server, source } = await start("spans");
    const startMs = Date.now() - 40 * DAY;
    const hex = hexAt(startMs, "000000000000000000000040");
    server.putSpans(checkout(hex, startMs));
    const trace = await source.getTrace(id(hex));
    expect(trace?.pastXRayRetention).toBe(true);
    expect(trace?.spans).toHaveLength(3);
  });

  it("is null, with a message naming aws/spans and the window, for a trace aws/spans does not have", async () => {
    const { server, source } = await start("spans");
    server.putSpans(checkout(hexAt(Date.now(), "000000000000000000000001"), Date.now()));
    const missing = id(hexAt(Date.now() - 60_000, "000000000000000000000002"));
    expect(await source.getTrace(missing)).toBeNull();
    expect(source.traceNotFoundMessage(missing, Date.now())).toMatch(/^Transaction Search \(aws\/spans\) has no span of trace [0-9a-f]{32} between /);
  });

  it("says Transaction Search is off when the account has no aws/spans group", async () => {
    const { source } = await start("spans", false);
    const error = await rejection(source.getTrace(id(hexAt(Date.now(), "000000000000000000000003"))));
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/aws\/spans does not exist: CloudWatch Transaction Search is not enabled/);
  });
});

describe("TRACE_STORE=auto", () => {
  it("falls back to aws/spans when the account uses Transaction Search and X-Ray's retrieval has nothing", async () => {
    const { server, source, calls } = await start("auto");
    const startMs = Date.now() - 5 * 60_000;
    const hex = hexAt(startMs, "00000000000000000000a070");
    server.putSpans(checkout(hex, startMs));
    const trace = await source.getTrace(id(hex));
    expect(trace?.store).toBe("aws/spans");
    expect(calls("BatchGetTraces")).toHaveLength(1);
    expect(calls("StartTraceRetrieval")).toHaveLength(1);
    expect(calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans")).toHaveLength(1);
  });

  it("does not query aws/spans for a recent trace X-Ray lacks in an account without Transaction Search", async () => {
    const { source, calls } = await start("auto", false);
    expect(await source.getTrace(id(hexAt(Date.now() - 60_000, "00000000000000000000a071")))).toBeNull();
    expect(calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans")).toHaveLength(0);
  });

  it("looks in aws/spans for a trace past X-Ray's 30 days, and a missing group is just not found", async () => {
    const { source, calls } = await start("auto", false);
    expect(await source.getTrace(id(hexAt(Date.now() - 45 * DAY, "00000000000000000000a072")))).toBeNull();
    expect(calls("StartQuery").filter((c) => inputOf(c).logGroupName === "aws/spans")).toHaveLength(1);
  });
});

describe("TRACE_STORE=xray", () => {
  it("never queries aws/spans", async () => {
    const { server, source, calls } = await start("xray");
    const startMs = Date.now() - 60_000;
    const hex = hexAt(startMs, "00000000000000000000b001");
    server.putSpans(checkout(hex, startMs));
    expect(await source.getTrace(id(hex))).toBeNull();
    expect(calls("StartQuery")).toHaveLength(0);
  });
});

describe("TRACE_STORE=spans: findTraces", () => {
  it("lists root spans newest first, with each trace's span count and worst status", async () => {
    const { server, source } = await start("spans");
    const now = Date.now();
    const a = hexAt(now - 30 * 60_000, "00000000000000000000c001");
    const b = hexAt(now - 10 * 60_000, "00000000000000000000c002");
    server.putSpans([
      ...checkout(a, now - 30 * 60_000),
      ...records(b, now - 10 * 60_000, [{ spanId: "2000000000000001", service: "search", name: "GET /search", at: 0, ms: 120, http: 200 }]),
    ]);
    const traces = await source.findTraces({ from: now - 3_600_000, to: now, limit: 10 });
    expect(traces.map((t) => [t.traceId, t.rootService, t.rootName, t.spanCount, t.status, t.httpStatus, t.durationMs])).toEqual([
      [b, "search", "GET /search", 1, "ok", 200, 120],
      [a, "checkout", "POST /checkout", 3, "fault", 200, 800],
    ]);
    expect(traces[1].xrayTraceId).toBe(`1-${a.slice(0, 8)}-${a.slice(8)}`);

    expect((await source.findTraces({ from: now - 3_600_000, to: now, limit: 10, status: "fault" })).map((t) => t.traceId)).toEqual([a]);
    expect((await source.findTraces({ from: now - 3_600_000, to: now, limit: 10, service: "search" })).map((t) => t.traceId)).toEqual([b]);
    expect((await source.findTraces({ from: now - 3_600_000, to: now, limit: 10, minDurationMs: 500 })).map((t) => t.traceId)).toEqual([a]);
    expect((await source.findTraces({ from: now - 3_600_000, to: now, limit: 10, operation: "post /CHECKOUT" })).map((t) => t.traceId)).toEqual([a]);
  });

  it("answers 400 for what aws/spans cannot filter on, and for a service that could change the query", async () => {
    const { source } = await start("spans");
    const window = { from: Date.now() - 3_600_000, to: Date.now(), limit: 10 };
    const filter = await rejection(source.findTraces({ ...window, filterExpression: "fault = true" }));
    expect([filter.status, filter.code]).toEqual([400, "invalid_filter"]);
    expect(filter.message).toMatch(/^filter: not available with TRACE_STORE=spans/);
    const service = await rejection(source.findTraces({ ...window, service: 'x" or 1=1' }));
    expect([service.status, service.code]).toEqual([400, "invalid_service"]);
  });
});

describe("the AWS test server's aws/spans", () => {
  it("refuses PutLogEvents into aws/spans, as CloudWatch Logs does", async () => {
    const { server, clients } = await start("spans");
    server.putSpans(checkout(hexAt(Date.now(), "00000000000000000000d001"), Date.now()));
    const logs: CloudWatchLogsClient = clients.logs;
    await expect(
      logs.send(new PutLogEventsCommand({ logGroupName: "aws/spans", logStreamName: "default", logEvents: [{ timestamp: Date.now(), message: "{}" }] })),
    ).rejects.toThrow(/Spans cannot be sent to the aws\/spans log group with PutLogEvents/);
  });
});
