import { readFileSync } from "node:fs";
import path from "node:path";
import { Writer } from "protobufjs";
import { describe, expect, it } from "vitest";
import { decodeLogs, decodeTraces, OtlpDecodeError } from ".";
import { ExportTraceServiceRequest } from "./proto-schema";

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";
const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../../test/fixtures/otlp", name));
const body = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A JSON request whose fourth span is `bad` (three good spans before it). */
function withFourthSpan(bad: Record<string, unknown>) {
  const good = { traceId: TRACE, spanId: SPAN };
  return body({ resourceSpans: [{ scopeSpans: [{ spans: [good, good, good, { ...good, ...bad }] }] }] });
}

function errorOf(decode: () => unknown): OtlpDecodeError {
  try {
    decode();
  } catch (err) {
    expect(err).toBeInstanceOf(OtlpDecodeError);
    return err as OtlpDecodeError;
  }
  throw new Error("expected an OtlpDecodeError, nothing was thrown");
}

const SPANS_3 = "resourceSpans[0].scopeSpans[0].spans[3]";

describe("malformed protobuf", () => {
  it("rejects a truncated request", () => {
    const truncated = fixture("trace.protobuf-bin").subarray(0, 100);
    expect(errorOf(() => decodeTraces(truncated, "protobuf")).message).toMatch(/^ExportTraceServiceRequest: not a valid protobuf message \(index out of range/);
  });

  it("rejects garbage bytes", () => {
    const err = errorOf(() => decodeTraces(new TextEncoder().encode("this is not protobuf"), "protobuf"));
    expect(err.message).toMatch(/^ExportTraceServiceRequest: not a valid protobuf message \(.+\)$/);
    expect(errorOf(() => decodeLogs(new Uint8Array([0xff, 0xff, 0xff, 0xff]), "protobuf")).message).toMatch(
      /^ExportLogsServiceRequest: not a valid protobuf message/,
    );
  });

  it("rejects a 15-byte trace ID, naming the span", () => {
    const request = ExportTraceServiceRequest.encode(
      ExportTraceServiceRequest.fromObject({
        resourceSpans: [
          {
            scopeSpans: [
              {
                spans: [
                  { traceId: Buffer.from(TRACE, "hex"), spanId: Buffer.from(SPAN, "hex") },
                  { traceId: Buffer.from(TRACE.slice(2), "hex"), spanId: Buffer.from(SPAN, "hex") },
                ],
              },
            ],
          },
        ],
      }),
    ).finish();
    expect(errorOf(() => decodeTraces(request, "protobuf")).message).toBe(
      "resourceSpans[0].scopeSpans[0].spans[1].traceId: must be 16 bytes (32 hex digits), got 15 bytes",
    );
  });

  it("names the span where the wire data goes wrong", () => {
    const span = (w: Writer, name: string) => w.uint32(10).bytes(Buffer.from(TRACE, "hex")).uint32(18).bytes(Buffer.from(SPAN, "hex")).uint32(42).string(name);
    const w = Writer.create().uint32(10).fork().uint32(18).fork();
    span(w.uint32(18).fork(), "fine").ldelim();
    // The second span's name claims 50 bytes, more than the span holds.
    span(w.uint32(18).fork(), "").uint32(42).uint32(50).uint32(0).ldelim();
    const request = w.ldelim().ldelim().finish();
    expect(errorOf(() => decodeTraces(request, "protobuf")).message).toMatch(
      /^ExportTraceServiceRequest: not a valid protobuf message \(index out of range: \d+ \+ 50 > \d+, in resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[1\]\)$/,
    );
  });

  it("refuses values nested too deeply, naming the path", () => {
    const depth = 10_000;
    const w = Writer.create().uint32(10).fork().uint32(18).fork().uint32(18).fork();
    w.uint32(10).bytes(Buffer.from(TRACE, "hex")).uint32(18).bytes(Buffer.from(SPAN, "hex"));
    w.uint32(74).fork().uint32(10).string("deep").uint32(18).fork();
    for (let i = 0; i < depth; i++) w.uint32(42).fork().uint32(10).fork();
    w.uint32(10).string("leaf");
    for (let i = 0; i < depth * 2 + 5; i++) w.ldelim();
    expect(errorOf(() => decodeTraces(w.finish(), "protobuf")).message).toMatch(
      /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes\[0\]\.value(\.arrayValue\.values\[0\]){32}\.arrayValue: nested deeper than 32 levels$/,
    );
  });

  it("accepts an empty body as an empty request", () => {
    expect(decodeTraces(new Uint8Array(), "protobuf")).toEqual({ spans: [], logs: [] });
    expect(decodeLogs(new Uint8Array(), "protobuf")).toEqual({ spans: [], logs: [] });
  });
});

describe("malformed OTLP/JSON", () => {
  it("rejects invalid JSON", () => {
    expect(errorOf(() => decodeTraces(new TextEncoder().encode('{"resourceSpans": ['), "json")).message).toMatch(/^ExportTraceServiceRequest: invalid JSON \(/);
  });

  it("rejects an array instead of an object", () => {
    expect(errorOf(() => decodeLogs(body([]), "json")).message).toBe("ExportLogsServiceRequest: must be a JSON object, got an array");
  });

  it("rejects a 15-byte trace ID", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ traceId: TRACE.slice(2) }), "json")).message).toBe(
      `${SPANS_3}.traceId: must be 16 bytes (32 hex digits), got 15 bytes`,
    );
  });

  it("rejects an odd number of hex digits", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ spanId: SPAN.slice(1) }), "json")).message).toBe(
      `${SPANS_3}.spanId: must be 8 bytes (16 hex digits), got 15 hex digits`,
    );
  });

  it("rejects an all-zero trace ID", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ traceId: "0".repeat(32) }), "json")).message).toBe(
      `${SPANS_3}.traceId: must not be all zero (the invalid ID)`,
    );
  });

  it("rejects a missing span ID", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ spanId: null }), "json")).message).toBe(
      `${SPANS_3}.spanId: must be 8 bytes (16 hex digits), got 0 bytes`,
    );
  });

  it("rejects a non-hex ID", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ spanId: "zzzzzzzzzzzzzzzz" }), "json")).message).toBe(
      `${SPANS_3}.spanId: must be a hex string, got the string "zzzzzzzzzzzzzzzz"`,
    );
  });

  it("rejects a base64 ID (the protobuf JSON mapping, not OTLP/JSON)", () => {
    const base64 = Buffer.from(TRACE, "hex").toString("base64");
    expect(errorOf(() => decodeTraces(withFourthSpan({ traceId: base64 }), "json")).message).toMatch(
      new RegExp(`^${SPANS_3.replace(/[[\]]/g, "\\$&")}\\.traceId: must be a hex string`),
    );
  });

  it("rejects a string where an array is expected", () => {
    const request = body({ resourceSpans: [{ scopeSpans: [{ spans: "none" }] }] });
    expect(errorOf(() => decodeTraces(request, "json")).message).toBe('resourceSpans[0].scopeSpans[0].spans: must be an array, got the string "none"');
  });

  it("rejects a list item that is not an object", () => {
    expect(errorOf(() => decodeTraces(body({ resourceSpans: [7] }), "json")).message).toBe("resourceSpans[0]: must be an object, got number 7");
  });

  it("rejects wrongly typed fields, naming them", () => {
    expect(errorOf(() => decodeTraces(withFourthSpan({ name: 5 }), "json")).message).toBe(`${SPANS_3}.name: must be a string, got number 5`);
    expect(errorOf(() => decodeTraces(withFourthSpan({ kind: "SPAN_KIND_BOGUS" }), "json")).message).toBe(
      `${SPANS_3}.kind: must be an enum number or name, got the string "SPAN_KIND_BOGUS"`,
    );
    expect(errorOf(() => decodeTraces(withFourthSpan({ startTimeUnixNano: "soon" }), "json")).message).toMatch(
      /spans\[3\]\.startTimeUnixNano: must be nanoseconds/,
    );
    const tooBig = [{ key: "n", value: { intValue: "9223372036854775808" } }];
    expect(errorOf(() => decodeTraces(withFourthSpan({ attributes: tooBig }), "json")).message).toBe(
      `${SPANS_3}.attributes[0].value.intValue: is outside the 64-bit integer range: the string "9223372036854775808"`,
    );
    expect(errorOf(() => decodeTraces(withFourthSpan({ status: { code: 2.5 } }), "json")).message).toBe(
      `${SPANS_3}.status.code: must be an enum number or name, got number 2.5`,
    );
  });

  it("names the path inside attribute values", () => {
    const attributes = [
      { key: "ok", value: { stringValue: "fine" } },
      { key: "bad", value: { kvlistValue: { values: [{ key: "n", value: { intValue: "ten" } }] } } },
    ];
    expect(errorOf(() => decodeTraces(withFourthSpan({ attributes }), "json")).message).toBe(
      `${SPANS_3}.attributes[1].value.kvlistValue.values[0].value.intValue: must be an integer or a decimal string, got the string "ten"`,
    );
  });

  it("names the path in resources, events, links and log records", () => {
    const resource = body({ resourceSpans: [{ resource: { attributes: [{ key: "a", value: { boolValue: "yes" } }] } }] });
    expect(errorOf(() => decodeTraces(resource, "json")).message).toBe(
      'resourceSpans[0].resource.attributes[0].value.boolValue: must be a boolean, got the string "yes"',
    );
    expect(errorOf(() => decodeTraces(withFourthSpan({ events: [{}, { timeUnixNano: -1 }] }), "json")).message).toMatch(
      /spans\[3\]\.events\[1\]\.timeUnixNano: must be nanoseconds/,
    );
    expect(errorOf(() => decodeTraces(withFourthSpan({ links: [{ traceId: TRACE }] }), "json")).message).toBe(
      `${SPANS_3}.links[0].spanId: must be 8 bytes (16 hex digits), got 0 bytes`,
    );
    const logs = body({ resourceLogs: [{ scopeLogs: [{ logRecords: [{}, { traceId: "abcd" }] }] }] });
    expect(errorOf(() => decodeLogs(logs, "json")).message).toBe(
      "resourceLogs[0].scopeLogs[0].logRecords[1].traceId: must be 16 bytes (32 hex digits), got 2 bytes",
    );
  });

  it("refuses values nested too deeply instead of overflowing the stack", () => {
    const depth = 100_000;
    const value = '{"arrayValue":{"values":['.repeat(depth) + '{"stringValue":"leaf"}' + "]}}".repeat(depth);
    const spans = `[{"traceId":"${TRACE}","spanId":"${SPAN}","attributes":[{"key":"deep","value":${value}}]}]`;
    const request = new TextEncoder().encode(`{"resourceSpans":[{"scopeSpans":[{"spans":${spans}}]}]}`);
    expect(errorOf(() => decodeTraces(request, "json")).message).toMatch(
      /^resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.attributes\[0\]\.value(\.arrayValue\.values\[0\]){32}\.arrayValue: nested deeper than 32 levels$/,
    );
  });
});

describe("log record IDs", () => {
  it("reads empty or all-zero trace and span IDs as none", () => {
    const logs = body({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ traceId: "", spanId: "0000000000000000" }] }] }] });
    expect(decodeLogs(logs, "json").logs[0]).toMatchObject({ traceId: null, spanId: null });
  });
});
