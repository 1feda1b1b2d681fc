import { describe, expect, it } from "vitest";
import { decodeLogs, decodeTraces } from ".";
import { ExportLogsServiceRequest, ExportTraceServiceRequest } from "./proto-schema";

const hex = (seed: number, bytes: number) => Array.from({ length: bytes }, (_, i) => ((seed * 31 + i * 17 + 1) % 256).toString(16).padStart(2, "0")).join("");

const BASE_NANOS = 1_700_000_000_123_456_789n;

function spanObject(i: number) {
  return {
    traceId: Buffer.from(hex(i % 7, 16), "hex"),
    spanId: Buffer.from(hex(i + 100, 8), "hex"),
    parentSpanId: i === 0 ? Buffer.alloc(0) : Buffer.from(hex(i + 99, 8), "hex"),
    name: `GET /items/${i}`,
    kind: (i % 5) + 1,
    startTimeUnixNano: (BASE_NANOS + BigInt(i) * 1_000_001n).toString(),
    endTimeUnixNano: (BASE_NANOS + BigInt(i) * 1_000_001n + 5_000_999n).toString(),
    attributes: [
      { key: "http.response.status_code", value: { intValue: [200, 404, 429, 503][i % 4] } },
      { key: "url.full", value: { stringValue: `https://example.com/items/${i}?q=é` } },
      { key: "empty", value: { stringValue: "" } },
      { key: "cache.hit", value: { boolValue: i % 2 === 0 } },
      { key: "score", value: { doubleValue: i / 4 } },
      { key: "big", value: { intValue: "9223372036854775807" } },
      { key: "negative", value: { intValue: -i } },
      { key: "raw", value: { bytesValue: Buffer.from([1, 2, 255]) } },
      { key: "tags", value: { arrayValue: { values: [{ stringValue: "a" }, { intValue: 1 }] } } },
      { key: "nested", value: { kvlistValue: { values: [{ key: "k", value: { doubleValue: Infinity } }] } } },
    ],
    events: [{ timeUnixNano: (BASE_NANOS + 2_000n).toString(), name: "cache miss", attributes: [] }],
    links: [{ traceId: Buffer.from(hex(i + 1000, 16), "hex"), spanId: Buffer.from(hex(i + 2000, 8), "hex"), attributes: [] }],
    status: { code: i % 10 === 0 ? 2 : 0, message: i % 10 === 0 ? "failed" : "" },
  };
}

const SPAN_COUNT = 1000;

function traceRequest() {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: [
            { key: "service.name", value: { stringValue: "checkout" } },
            { key: "cloud.platform", value: { stringValue: "aws_lambda" } },
          ],
        },
        scopeSpans: [{ scope: { name: "otel-http", version: "" }, spans: Array.from({ length: SPAN_COUNT }, (_, i) => spanObject(i)) }],
      },
    ],
  };
}

describe("protobuf round trip", () => {
  const encoded = ExportTraceServiceRequest.encode(ExportTraceServiceRequest.fromObject(traceRequest())).finish();
  const { spans } = decodeTraces(encoded, "protobuf");

  it("decodes every span of a large request", () => {
    expect(spans).toHaveLength(SPAN_COUNT);
    spans.forEach((span, i) => {
      expect(span.traceId).toBe(hex(i % 7, 16));
      expect(span.spanId).toBe(hex(i + 100, 8));
      expect(span.parentSpanId).toBe(i === 0 ? null : hex(i + 99, 8));
      expect(span.name).toBe(`GET /items/${i}`);
    });
  });

  it("reads a plain Uint8Array view (not a Buffer) at any offset alike", () => {
    const padded = new Uint8Array(encoded.length + 3);
    padded.set(encoded, 3);
    expect(decodeTraces(padded.subarray(3), "protobuf").spans).toEqual(spans);
  });

  it("converts fixed64 nanoseconds to exact microseconds", () => {
    expect(spans[0].startUs).toBe(1_700_000_000_123_456);
    expect(spans[0].endUs).toBe(1_700_000_000_128_457);
    expect(spans[999].startUs).toBe(1_700_000_001_122_457);
    expect(spans[0].events[0].timestamp).toBe(1_700_000_000_123.458);
  });

  it("converts every AnyValue type", () => {
    expect(spans[3].attributes).toEqual({
      "http.response.status_code": 503,
      "url.full": "https://example.com/items/3?q=é",
      empty: "",
      "cache.hit": false,
      score: 0.75,
      big: "9223372036854775807",
      negative: -3,
      raw: "AQL/",
      tags: ["a", 1],
      nested: { k: "Infinity" },
    });
  });

  it("derives kind, status, origin and scope", () => {
    expect(spans.slice(0, 5).map((s) => s.kind)).toEqual(["internal", "server", "client", "producer", "consumer"]);
    // Spans 1–4: HTTP 404, 429, 503, 200 and no OTel error.
    expect(spans.slice(1, 5).map((s) => [s.httpStatus, s.status])).toEqual([
      [404, "error"],
      [429, "throttle"],
      [503, "fault"],
      [200, "ok"],
    ]);
    // Span 0: HTTP 200 with an OTel ERROR status; span 10: the HTTP 429 decides over ERROR.
    expect(spans[0]).toMatchObject({ httpStatus: 200, status: "fault", statusMessage: "failed" });
    expect(spans[10]).toMatchObject({ httpStatus: 429, status: "throttle", statusMessage: "failed" });
    expect(spans[4].statusMessage).toBeNull();
    expect(spans[0]).toMatchObject({ origin: "AWS::Lambda::Function", scope: { name: "otel-http", version: null } });
    expect(spans[0].resource.service).toBe("checkout");
    expect(spans[0].links).toEqual([{ traceId: hex(1000, 16), spanId: hex(2000, 8), attributes: {} }]);
  });

  it("gives the same records as the OTLP/JSON encoding of the same request", () => {
    const asJson = JSON.stringify(traceRequest(), (_, value: unknown) => {
      if (typeof value === "object" && value !== null && (value as { type?: string }).type === "Buffer") {
        return Buffer.from((value as { data: number[] }).data).toString("hex");
      }
      return value === Infinity ? "Infinity" : value;
    });
    // bytesValue is base64 in OTLP/JSON, unlike the hex IDs.
    const json = asJson.replaceAll('"bytesValue":"0102ff"', '"bytesValue":"AQL/"');
    expect(decodeTraces(new TextEncoder().encode(json), "json").spans).toEqual(spans);
  });
});

describe("protobuf logs round trip", () => {
  const request = {
    resourceLogs: [
      {
        resource: {
          attributes: [
            { key: "service.name", value: { stringValue: "payments" } },
            { key: "aws.log.group.names", value: { arrayValue: { values: [{ stringValue: "/aws/lambda/payments" }] } } },
          ],
        },
        scopeLogs: [
          {
            logRecords: [
              {
                timeUnixNano: "1700000000123456789",
                severityNumber: 17,
                severityText: "ERROR",
                body: {
                  kvlistValue: {
                    values: [
                      { key: "message", value: { stringValue: "card declined" } },
                      { key: "xray_trace_id", value: { stringValue: "1-5f3a3e12-89b4a5c6d7e8f90123456789" } },
                    ],
                  },
                },
                attributes: [{ key: "attempt", value: { intValue: 2 } }],
              },
              {
                observedTimeUnixNano: "1700000000999999999",
                traceId: Buffer.from("0af7651916cd43dd8448eb211c80319c", "hex"),
                spanId: Buffer.from("b7ad6b7169203331", "hex"),
                body: { stringValue: "plain line" },
              },
            ],
          },
        ],
      },
    ],
  };
  const encoded = ExportLogsServiceRequest.encode(ExportLogsServiceRequest.fromObject(request)).finish();
  const { logs, spans } = decodeLogs(encoded, "protobuf");

  it("decodes and correlates the records", () => {
    expect(spans).toEqual([]);
    expect(logs).toEqual([
      {
        traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
        spanId: null,
        timeUs: 1_700_000_000_123_456,
        severityNumber: 17,
        severityText: "ERROR",
        level: "error",
        message: "card declined",
        fields: { message: "card declined", xray_trace_id: "1-5f3a3e12-89b4a5c6d7e8f90123456789", attempt: 2 },
        logGroup: "/aws/lambda/payments",
        resource: logs[0].resource,
      },
      {
        traceId: "0af7651916cd43dd8448eb211c80319c",
        spanId: "b7ad6b7169203331",
        timeUs: 1_700_000_000_999_999,
        severityNumber: 0,
        severityText: null,
        level: "unknown",
        message: "plain line",
        fields: {},
        logGroup: "/aws/lambda/payments",
        resource: logs[0].resource,
      },
    ]);
    expect(logs[0].resource.service).toBe("payments");
  });

  it("reads invalid UTF-8 in a string as U+FFFD instead of failing the batch", () => {
    const writer = ExportLogsServiceRequest.encode(ExportLogsServiceRequest.fromObject(request)).finish();
    const bytes = Buffer.from(writer);
    const at = bytes.indexOf("plain line");
    bytes[at] = 0xff;
    expect(decodeLogs(bytes, "protobuf").logs[1].message).toBe("\uFFFDlain line");
  });
});
