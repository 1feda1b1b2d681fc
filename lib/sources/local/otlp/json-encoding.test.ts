import { describe, expect, it } from "vitest";
import { decodeLogs, decodeTraces } from ".";

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";

const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

function traceRequest(span: Record<string, unknown>, resourceAttributes: unknown[] = []) {
  return body({
    resourceSpans: [{ resource: { attributes: resourceAttributes }, scopeSpans: [{ spans: [{ traceId: TRACE, spanId: SPAN, ...span }] }] }],
  });
}

const oneSpan = (span: Record<string, unknown>) => {
  const { spans } = decodeTraces(traceRequest(span), "json");
  expect(spans).toHaveLength(1);
  return spans[0];
};

const oneLog = (record: Record<string, unknown>) => {
  const { logs } = decodeLogs(body({ resourceLogs: [{ scopeLogs: [{ logRecords: [record] }] }] }), "json");
  expect(logs).toHaveLength(1);
  return logs[0];
};

const attribute = (value: unknown) => oneSpan({ attributes: [{ key: "a", value }] }).attributes.a;

describe("OTLP/JSON enums", () => {
  it("accepts span kinds as numbers or names", () => {
    expect(oneSpan({ kind: 3 }).kind).toBe("client");
    expect(oneSpan({ kind: "SPAN_KIND_CLIENT" }).kind).toBe("client");
    expect(oneSpan({ kind: "SPAN_KIND_CONSUMER" }).kind).toBe("consumer");
    expect(oneSpan({ kind: "SPAN_KIND_UNSPECIFIED" }).kind).toBe("internal");
    expect(oneSpan({}).kind).toBe("internal");
  });

  it("accepts status codes as numbers or names", () => {
    expect(oneSpan({ status: { code: 2 } }).status).toBe("fault");
    expect(oneSpan({ status: { code: "STATUS_CODE_ERROR", message: "boom" } })).toMatchObject({
      status: "fault",
      statusMessage: "boom",
    });
    expect(oneSpan({ status: { code: "STATUS_CODE_OK" } }).status).toBe("ok");
  });

  it("accepts severity numbers as numbers or names", () => {
    expect(oneLog({ severityNumber: 13 })).toMatchObject({ severityNumber: 13, level: "warn" });
    expect(oneLog({ severityNumber: "SEVERITY_NUMBER_WARN2" })).toMatchObject({ severityNumber: 14, level: "warn" });
  });
});

describe("OTLP/JSON IDs and times", () => {
  it("lowercases hex IDs given in upper case", () => {
    const span = oneSpan({ traceId: TRACE.toUpperCase(), spanId: SPAN.toUpperCase(), parentSpanId: "ABCDEF0123456789" });
    expect(span).toMatchObject({ traceId: TRACE, spanId: SPAN, parentSpanId: "abcdef0123456789" });
  });

  it("reads an empty or absent parent as a root", () => {
    expect(oneSpan({ parentSpanId: "" }).parentSpanId).toBeNull();
    expect(oneSpan({}).parentSpanId).toBeNull();
  });

  it("reads *UnixNano strings to the microsecond, beyond a double's nanosecond precision", () => {
    const span = oneSpan({ startTimeUnixNano: "1700000000123456789", endTimeUnixNano: "1700000000987654999" });
    expect(span.startUs).toBe(1_700_000_000_123_456);
    expect(span.endUs).toBe(1_700_000_000_987_654);
  });

  it("reads *UnixNano numbers too", () => {
    expect(oneSpan({ startTimeUnixNano: 1_544_712_660_000_000_000 }).startUs).toBe(1_544_712_660_000_000);
  });

  it("gives event timestamps in epoch milliseconds with the microseconds as a fraction", () => {
    const span = oneSpan({
      events: [{ timeUnixNano: "1544712660000123456", name: "retry", attributes: [{ key: "n", value: { intValue: 2 } }] }],
    });
    expect(span.events).toEqual([{ name: "retry", timestamp: 1_544_712_660_000.123, attributes: { n: 2 } }]);
  });

  it("reads links", () => {
    const other = "0af7651916cd43dd8448eb211c80319c";
    const span = oneSpan({ links: [{ traceId: other.toUpperCase(), spanId: "B7AD6B7169203331", attributes: [] }] });
    expect(span.links).toEqual([{ traceId: other, spanId: "b7ad6b7169203331", attributes: {} }]);
  });

  it("uses observedTimeUnixNano when a log record has no time", () => {
    expect(oneLog({ observedTimeUnixNano: "1544712660300000000" }).timeUs).toBe(1_544_712_660_300_000);
    expect(oneLog({ timeUnixNano: "0", observedTimeUnixNano: "1544712660300000000" }).timeUs).toBe(1_544_712_660_300_000);
    expect(oneLog({ timeUnixNano: "1544712660100000000", observedTimeUnixNano: "1544712660300000000" }).timeUs).toBe(1_544_712_660_100_000);
  });
});

describe("OTLP/JSON attribute values", () => {
  it("reads intValue as a number or a decimal string", () => {
    expect(attribute({ intValue: 10 })).toBe(10);
    expect(attribute({ intValue: "10" })).toBe(10);
    expect(attribute({ intValue: "-42" })).toBe(-42);
  });

  it("keeps an intValue beyond Number.MAX_SAFE_INTEGER as its exact decimal string", () => {
    expect(attribute({ intValue: "9007199254740993" })).toBe("9007199254740993");
    expect(attribute({ intValue: "-9223372036854775808" })).toBe("-9223372036854775808");
    expect(attribute({ intValue: 2 ** 60 })).toBe("1152921504606846976");
  });

  it("reads doubles, including the non-finite string forms", () => {
    expect(attribute({ doubleValue: 637.704 })).toBe(637.704);
    expect(attribute({ doubleValue: "NaN" })).toBe("NaN");
    expect(attribute({ doubleValue: "-Infinity" })).toBe("-Infinity");
    expect(attribute({ doubleValue: "2.5e3" })).toBe(2500);
    expect(attribute({ doubleValue: "1e400" })).toBe("Infinity");
  });

  it("normalizes bytesValue to standard base64", () => {
    expect(attribute({ bytesValue: "AQID" })).toBe("AQID");
    expect(attribute({ bytesValue: "-_8" })).toBe("+/8=");
  });

  it("reads nested arrays and key/value lists", () => {
    const value = { kvlistValue: { values: [{ key: "list", value: { arrayValue: { values: [{ boolValue: false }, {}] } } }] } };
    expect(attribute(value)).toEqual({ list: [false, null] });
  });

  it("reads an empty AnyValue as null", () => {
    expect(attribute({})).toBeNull();
    expect(oneSpan({ attributes: [{ key: "a" }] }).attributes).toEqual({ a: null });
  });

  it("keeps a __proto__ key as a plain own property", () => {
    const attrs = oneSpan({ attributes: [{ key: "__proto__", value: { kvlistValue: { values: [] } } }] }).attributes;
    expect(Object.getPrototypeOf(attrs)).toBe(Object.prototype);
    expect(Object.keys(attrs)).toEqual(["__proto__"]);
  });
});

describe("OTLP/JSON requests", () => {
  it("ignores unknown fields", () => {
    const span = oneSpan({ traceState: "x=1", flags: 257, droppedAttributesCount: 3, somethingNew: { a: 1 } });
    expect(span.traceId).toBe(TRACE);
  });

  it("decodes a request without resourceSpans or resourceLogs to an empty batch", () => {
    expect(decodeTraces(body({}), "json")).toEqual({ spans: [], logs: [] });
    expect(decodeLogs(body({ resourceLogs: [] }), "json")).toEqual({ spans: [], logs: [] });
  });

  it("names the service unknown_service when the resource has no service.name", () => {
    expect(oneSpan({}).resource).toEqual({ service: "unknown_service", attributes: {} });
  });
});
