import { describe, expect, it } from "vitest";
import type { LogEvent } from "../model";
import { resolveLogSpans } from "./log-span-index";
import { log, span } from "./test-spans";

const TRACE = "5b8efff798038103d269b633813fc60c";

// A Lambda function (AWS::Lambda::Function segment) with its Invocation subsegment and a DynamoDB
// call inside it, called by an API.
const spans = [
  span({ spanId: "api", service: "api", startTime: 0, endTime: 1000 }),
  span({ spanId: "fn", parentSpanId: "api", service: "checkout", startTime: 10, endTime: 900 }),
  span({ spanId: "invoke", parentSpanId: "fn", service: "checkout", startTime: 300, endTime: 890 }),
  span({ spanId: "ddb", parentSpanId: "invoke", service: "checkout", startTime: 400, endTime: 450 }),
  span({ spanId: "s3", parentSpanId: "invoke", service: "checkout", startTime: 500, endTime: 600 }),
];

/** The span ID one line resolves to, alone. */
const spanOf = (event: LogEvent, among: Parameters<typeof resolveLogSpans>[1]) => resolveLogSpans([event], among)[0];

describe("resolveLogSpans, one line", () => {
  it("takes the span the line names when it is in the trace", () => {
    expect(spanOf(log({ timestamp: 420, spanId: "fn", service: "checkout" }), spans)).toBe("fn");
  });

  it("puts a line without span ID on the deepest span of its service open at that moment", () => {
    // A Lambda platform line (START / END / REPORT) carries no span ID.
    const at = (timestamp: number) => spanOf(log({ timestamp, service: "checkout", message: "REPORT RequestId: …" }), spans);
    expect(at(420)).toBe("ddb");
    expect(at(350)).toBe("invoke");
    expect(at(100)).toBe("fn");
    expect(at(900)).toBe("fn");
  });

  it("falls back to the time rule when the named span is not in the trace", () => {
    expect(spanOf(log({ timestamp: 20, spanId: "0123456789abcdef", service: "api" }), spans)).toBe("api");
  });

  it("finds nothing for a line outside every span of its service, of an unknown service, or without service", () => {
    expect(spanOf(log({ timestamp: 950, service: "checkout" }), spans)).toBeNull();
    expect(spanOf(log({ timestamp: 500, service: "billing" }), spans)).toBeNull();
    expect(spanOf(log({ timestamp: 500 }), spans)).toBeNull();
    expect(spanOf(log({ timestamp: 500, service: "checkout" }), [])).toBeNull();
  });

  it("puts no line of another trace on this trace's spans, in either ID form", () => {
    const other = "1-5b8efff7-000000000000000000000001";
    expect(spanOf(log({ timestamp: 420, traceId: other, spanId: "ddb", service: "checkout" }), spans)).toBeNull();
    expect(spanOf(log({ timestamp: 420, traceId: "1-5b8efff7-98038103d269b633813fc60c", service: "checkout" }), spans)).toBe("ddb");
    expect(spanOf(log({ timestamp: 420, traceId: TRACE.toUpperCase(), spanId: "api" }), spans)).toBe("api");
  });
});

describe("resolveLogSpans, many lines", () => {
  // Each spelling of a trace ID is judged once and remembered: repeated, interleaved spellings of
  // this trace and of another must each keep their own answer.
  const OTHER = "1-5b8efff7-000000000000000000000001";
  const spellings = [OTHER, "1-5b8efff7-98038103d269b633813fc60c", OTHER.toUpperCase(), TRACE.toUpperCase(), "not a trace id", OTHER, TRACE];
  const ofTheseTraces = [...spellings, ...spellings].map((traceId) => log({ timestamp: 420, traceId, spanId: "ddb", service: "checkout" }));
  const expected = [...spellings, ...spellings].map((traceId) => (traceId.toLowerCase() === OTHER.toLowerCase() ? null : "ddb"));

  it("keeps out the lines of another trace however its ID is written, line after line", () => {
    expect(resolveLogSpans(ofTheseTraces, spans)).toEqual(expected);
  });

  it("keeps them out the same way for a trace the browser does not hold (windowed)", () => {
    expect(resolveLogSpans(ofTheseTraces, [], { traceId: TRACE })).toEqual(expected);
    expect(resolveLogSpans(ofTheseTraces, [], { traceId: "1-5b8efff7-98038103d269b633813fc60c" })).toEqual(expected);
  });

  it("resolves each line, whatever the order of the lines", () => {
    const events = [
      log({ timestamp: 550, service: "checkout" }),
      log({ timestamp: 420, service: "checkout" }),
      log({ timestamp: 5, spanId: "api", service: "api" }),
      log({ timestamp: 950, service: "checkout" }),
      log({ timestamp: 700, service: "checkout" }),
      log({ timestamp: 430, service: "checkout" }),
      log({ timestamp: 20, service: "checkout" }),
    ];
    expect(resolveLogSpans(events, spans)).toEqual(["s3", "ddb", "api", null, "invoke", "ddb", "fn"]);
  });

  it("prefers the later-started of two concurrent spans at the same depth", () => {
    const parallel = [
      span({ spanId: "handler", service: "svc", startTime: 0, endTime: 100 }),
      span({ spanId: "first", parentSpanId: "handler", service: "svc", startTime: 10, endTime: 80 }),
      span({ spanId: "second", parentSpanId: "handler", service: "svc", startTime: 20, endTime: 60 }),
    ];
    expect(
      resolveLogSpans(
        [15, 30, 70].map((timestamp) => log({ timestamp, service: "svc" })),
        parallel,
      ),
    ).toEqual(["first", "second", "first"]);
  });

  it("resolves 10,000 lines against a 100,000-deep chain", () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) =>
      span({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, service: "svc", startTime: i, endTime: 2 * n - i }),
    );
    const events = Array.from({ length: 10_000 }, (_, k) => log({ timestamp: (k * 37) % (2 * n), service: "svc" }));
    const resolved = resolveLogSpans(events, chain);
    // s_i covers [i, 2n - i]: the deepest span containing t is s_min(t, 2n - t, n - 1).
    const expected = events.map(({ timestamp: t }) => `s${Math.min(t, 2 * n - t, n - 1)}`);
    expect(resolved).toEqual(expected);
  });
});
