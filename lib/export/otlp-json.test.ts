import { describe, expect, it } from "vitest";
import type { Span, Trace } from "../model";
import { decodeTraces } from "../sources/local/otlp";
import { msToUnixNano, otlpFileName, toAnyValue, toOtlpJson } from "./otlp-json";

const TRACE = "5f3a3e1289b4a5c6d7e8f90123456789";

function span(over: Partial<Span> & Pick<Span, "spanId" | "service" | "name">): Span {
  const startTime = over.startTime ?? 1_700_000_000_000.123;
  const endTime = over.endTime ?? startTime + 12.345;
  return {
    traceId: TRACE,
    parentSpanId: null,
    kind: "internal",
    startTime,
    endTime,
    durationMs: endTime - startTime,
    status: "ok",
    statusMessage: null,
    httpStatus: null,
    origin: null,
    attributes: {},
    resource: { "service.name": over.service },
    events: [],
    links: [],
    ...over,
  };
}

const spans: Span[] = [
  span({
    spanId: "aaaaaaaaaaaaaaaa",
    service: "checkout-api",
    name: "POST /checkout",
    kind: "server",
    startTime: 1_700_000_000_000.001,
    endTime: 1_700_000_000_250.999,
    status: "fault",
    statusMessage: "boom",
    httpStatus: 502,
    attributes: {
      "http.response.status_code": 502,
      "http.route": "/checkout",
      retried: true,
      ratio: 0.25,
      tags: ["a", "b", 3],
      nested: { inner: "x", deeper: { n: 1 } },
      empty: null,
    },
    resource: { "service.name": "checkout-api", "cloud.region": "eu-west-1" },
    events: [{ name: "exception", timestamp: 1_700_000_000_100.5, attributes: { "exception.message": "boom" } }],
  }),
  span({
    spanId: "bbbbbbbbbbbbbbbb",
    parentSpanId: "aaaaaaaaaaaaaaaa",
    service: "payments",
    name: "charge",
    kind: "client",
    startTime: 1_700_000_000_010.5,
    endTime: 1_700_000_000_011.25,
    status: "throttle",
    httpStatus: 429,
    attributes: { "rpc.system": "aws-api" },
    links: [{ traceId: "0123456789abcdef0123456789abcdef", spanId: "cccccccccccccccc", attributes: { why: "retry" } }],
  }),
  span({
    spanId: "dddddddddddddddd",
    parentSpanId: "aaaaaaaaaaaaaaaa",
    service: "checkout-api",
    name: "db.query",
    kind: "consumer",
    resource: { "cloud.region": "eu-west-1", "service.name": "checkout-api" },
  }),
  // A resource without service.name (as some sources give): the span's service is added.
  span({ spanId: "eeeeeeeeeeeeeeee", parentSpanId: "bbbbbbbbbbbbbbbb", service: "ledger", name: "write", kind: "producer", resource: {} }),
];

const trace: Trace = {
  traceId: TRACE,
  xrayTraceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
  startTime: spans[0].startTime,
  endTime: spans[0].endTime,
  durationMs: spans[0].endTime - spans[0].startTime,
  spans,
  services: ["checkout-api", "payments", "ledger"],
};

const micros = (ms: number) => Math.round(ms * 1000);

describe("toOtlpJson", () => {
  it("groups spans by identical resource, whatever the attribute order", () => {
    const out = toOtlpJson(trace);
    expect(out.resourceSpans).toHaveLength(3);
    const checkout = out.resourceSpans[0];
    expect(checkout.scopeSpans[0].spans.map((s) => s.spanId)).toEqual(["aaaaaaaaaaaaaaaa", "dddddddddddddddd"]);
  });

  it("writes OTLP enums, hex IDs, empty parent for roots, exact nanosecond strings and ERROR status", () => {
    const root = toOtlpJson(trace).resourceSpans[0].scopeSpans[0].spans[0];
    expect(root.parentSpanId).toBe("");
    expect(root.kind).toBe(2);
    expect(root.startTimeUnixNano).toBe("1700000000000001000");
    expect(root.endTimeUnixNano).toBe("1700000000250999000");
    expect(root.status).toEqual({ code: 2, message: "boom" });
    const ok = toOtlpJson(trace).resourceSpans[0].scopeSpans[0].spans[1];
    expect(ok.status).toEqual({ code: 0 });
  });

  it("encodes every attribute value type", () => {
    expect(toAnyValue("s")).toEqual({ stringValue: "s" });
    expect(toAnyValue(true)).toEqual({ boolValue: true });
    expect(toAnyValue(42)).toEqual({ intValue: "42" });
    expect(toAnyValue(0.5)).toEqual({ doubleValue: 0.5 });
    expect(toAnyValue(null)).toEqual({});
    expect(toAnyValue([1, "a"])).toEqual({ arrayValue: { values: [{ intValue: "1" }, { stringValue: "a" }] } });
    expect(toAnyValue({ k: false })).toEqual({ kvlistValue: { values: [{ key: "k", value: { boolValue: false } }] } });
  });

  it("converts fractional milliseconds exactly", () => {
    expect(msToUnixNano(1_700_000_000_000.123)).toBe("1700000000000123000");
    expect(msToUnixNano(0)).toBe("0");
    expect(otlpFileName(TRACE)).toBe(`trace-${TRACE}.otlp.json`);
  });

  it("round-trips through Sightline's own OTLP/JSON decoder", () => {
    const body = new TextEncoder().encode(JSON.stringify(toOtlpJson(trace)));
    const decoded = decodeTraces(body, "json").spans;
    expect(decoded).toHaveLength(spans.length);
    for (const original of spans) {
      const back = decoded.find((d) => d.spanId === original.spanId);
      expect(back, original.spanId).toBeDefined();
      if (!back) continue;
      expect(back.traceId).toBe(original.traceId);
      expect(back.parentSpanId).toBe(original.parentSpanId);
      expect(back.resource.service).toBe(original.service);
      expect(back.name).toBe(original.name);
      expect(back.kind).toBe(original.kind);
      expect(back.startUs).toBe(micros(original.startTime));
      expect(back.endUs).toBe(micros(original.endTime));
      expect(back.status).toBe(original.status);
      expect(back.httpStatus).toBe(original.httpStatus);
      const expectedAttributes =
        original.httpStatus !== null && !("http.response.status_code" in original.attributes)
          ? { ...original.attributes, "http.response.status_code": original.httpStatus }
          : original.attributes;
      expect(back.attributes).toEqual(expectedAttributes);
      expect(back.events.map((e) => ({ ...e, timestamp: Math.round(e.timestamp * 1000) }))).toEqual(
        original.events.map((e) => ({ ...e, timestamp: micros(e.timestamp) })),
      );
      expect(back.links).toEqual(original.links);
    }
  });
});
