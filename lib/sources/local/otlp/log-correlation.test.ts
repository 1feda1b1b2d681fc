import { describe, expect, it } from "vitest";
import { decodeLogs } from ".";

const TRACE = "5f3a3e1289b4a5c6d7e8f90123456789";
const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const OTHER_TRACE = "0af7651916cd43dd8448eb211c80319c";

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function decodeLog(record: Record<string, unknown>, resourceAttributes: unknown[] = []) {
  const request = { resourceLogs: [{ resource: { attributes: resourceAttributes }, scopeLogs: [{ logRecords: [record] }] }] };
  const { logs } = decodeLogs(body(request), "json");
  expect(logs).toHaveLength(1);
  return logs[0];
}

const stringBody = (value: unknown) => ({ body: { stringValue: typeof value === "string" ? value : JSON.stringify(value) } });

describe("trace correlation from a JSON-string body", () => {
  it.each([
    ["traceId (W3C)", { traceId: TRACE.toUpperCase() }],
    ["trace_id (X-Ray form)", { trace_id: XRAY }],
    ["xrayTraceId", { xrayTraceId: XRAY }],
    ["xray_trace_id (Powertools)", { xray_trace_id: XRAY }],
    ["a header value", { xray_trace_id: `Root=${XRAY};Parent=53995c3f42cd8ad8;Sampled=1` }],
  ])("recovers the trace ID from %s", (_, keys) => {
    const log = decodeLog(stringBody({ message: "charged card", ...keys }));
    expect(log.traceId).toBe(TRACE);
    expect(log.message).toBe("charged card");
  });

  it("recovers the trace ID from an X-Ray ID in plain message text", () => {
    const log = decodeLog(stringBody(`END RequestId: 8f5e XRAY TraceId: ${XRAY} SegmentId: 53995c3f42cd8ad8`));
    expect(log.traceId).toBe(TRACE);
  });

  it("recovers the span ID from spanId or span_id", () => {
    expect(decodeLog(stringBody({ msg: "x", traceId: TRACE, spanId: "53995C3F42CD8AD8" })).spanId).toBe("53995c3f42cd8ad8");
    expect(decodeLog(stringBody({ msg: "x", span_id: "53995c3f42cd8ad8" })).spanId).toBe("53995c3f42cd8ad8");
  });

  it("ignores invalid IDs instead of failing the record", () => {
    const log = decodeLog(stringBody({ message: "x", traceId: "nope", trace_id: "0".repeat(32), span_id: "0000000000000000" }));
    expect(log.traceId).toBeNull();
    expect(log.spanId).toBeNull();
  });

  it("falls through an invalid key to the next form", () => {
    expect(decodeLog(stringBody({ traceId: "nope", xray_trace_id: XRAY })).traceId).toBe(TRACE);
  });

  it("keeps the OTLP trace and span IDs over the body's", () => {
    const log = decodeLog({
      traceId: OTHER_TRACE,
      spanId: "b7ad6b7169203331",
      ...stringBody({ traceId: TRACE, spanId: "53995c3f42cd8ad8" }),
    });
    expect(log.traceId).toBe(OTHER_TRACE);
    expect(log.spanId).toBe("b7ad6b7169203331");
  });

  it("merges the body's keys into fields, attributes winning on a clash", () => {
    const log = decodeLog({
      ...stringBody({ message: "paid", level: "INFO", cold_start: true, order: { id: 7 }, service: "body" }),
      attributes: [{ key: "service", value: { stringValue: "attribute" } }],
    });
    expect(log.fields).toEqual({ message: "paid", level: "INFO", cold_start: true, order: { id: 7 }, service: "attribute" });
  });

  it("uses the raw string as message when the JSON body has no message or msg", () => {
    const raw = JSON.stringify({ event: "checkout", traceId: TRACE });
    const log = decodeLog(stringBody(raw));
    expect(log.message).toBe(raw);
    expect(log.traceId).toBe(TRACE);
  });

  it("treats a string that is not a JSON object as plain text", () => {
    const log = decodeLog(stringBody("{not json"));
    expect(log.message).toBe("{not json");
    expect(log.fields).toEqual({});
  });
});

describe("trace correlation from a kvlist body", () => {
  it("reads message, fields and the trace ID from the key/value list", () => {
    const log = decodeLog({
      body: {
        kvlistValue: {
          values: [
            { key: "msg", value: { stringValue: "order placed" } },
            { key: "trace_id", value: { stringValue: XRAY } },
            { key: "span_id", value: { stringValue: "53995c3f42cd8ad8" } },
            { key: "count", value: { intValue: "3" } },
          ],
        },
      },
    });
    expect(log).toMatchObject({ traceId: TRACE, spanId: "53995c3f42cd8ad8", message: "order placed" });
    expect(log.fields).toEqual({ msg: "order placed", trace_id: XRAY, span_id: "53995c3f42cd8ad8", count: 3 });
  });

  it("uses the list as JSON for the message when it has no message or msg", () => {
    const log = decodeLog({ body: { kvlistValue: { values: [{ key: "a", value: { intValue: 1 } }] } } });
    expect(log.message).toBe('{"a":1}');
  });
});

describe("trace correlation from attributes", () => {
  it("reads trace_id / span_id attributes", () => {
    const log = decodeLog({
      body: { stringValue: "plain" },
      attributes: [
        { key: "trace_id", value: { stringValue: TRACE } },
        { key: "span_id", value: { stringValue: "53995c3f42cd8ad8" } },
      ],
    });
    expect(log).toMatchObject({ traceId: TRACE, spanId: "53995c3f42cd8ad8", message: "plain" });
  });
});

describe("log level", () => {
  it.each([
    [1, "trace"],
    [4, "trace"],
    [5, "debug"],
    [9, "info"],
    [12, "info"],
    [13, "warn"],
    [17, "error"],
    [21, "fatal"],
    [24, "fatal"],
  ])("reads severity number %i as %s", (severityNumber, level) => {
    expect(decodeLog({ severityNumber }).level).toBe(level);
  });

  it.each([
    ["Information", "info"],
    ["WARNING", "warn"],
    ["critical", "fatal"],
    ["Error", "error"],
    ["verbose", "unknown"],
  ])("falls back to severity text %s → %s", (severityText, level) => {
    expect(decodeLog({ severityText }).level).toBe(level);
  });

  it("falls back to the level key of a structured body", () => {
    expect(decodeLog(stringBody({ level: "WARN", message: "slow" })).level).toBe("warn");
  });

  it("is unknown without any severity", () => {
    expect(decodeLog({ body: { stringValue: "hello" } })).toMatchObject({ level: "unknown", severityText: null, severityNumber: 0 });
  });
});

describe("log group", () => {
  it("is the first of aws.log.group.names", () => {
    const groups = { key: "aws.log.group.names", value: { arrayValue: { values: [{ stringValue: "/aws/lambda/checkout" }, { stringValue: "/other" }] } } };
    expect(decodeLog({}, [groups]).logGroup).toBe("/aws/lambda/checkout");
  });

  it("accepts a single string", () => {
    const group = { key: "aws.log.group.names", value: { stringValue: "/aws/lambda/checkout" } };
    expect(decodeLog({}, [group]).logGroup).toBe("/aws/lambda/checkout");
  });
});
