import { describe, expect, it } from "vitest";
import type { LogEvent, Span, Trace } from "./model";
import { span } from "./analysis/test-spans";
import { codeSpan, traceSummaryMarkdown } from "./trace-summary-markdown";

const T0 = Date.UTC(2026, 10, 21, 2, 47, 3, 125);

function trace(spans: Span[]): Trace {
  return {
    traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
    xrayTraceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
    startTime: T0,
    endTime: T0 + 3120,
    durationMs: 3120,
    spans,
    services: [...new Set(spans.map((s) => s.service))],
  };
}

function log(partial: Partial<LogEvent> & Pick<LogEvent, "message" | "timestamp">): LogEvent {
  return { id: String(partial.timestamp), level: "info", service: "orders", traceId: null, spanId: null, logGroup: null, fields: {}, ...partial };
}

const failing = trace([
  span({ spanId: "r", service: "checkout-api", name: "POST /checkout", startTime: T0, endTime: T0 + 3120, status: "fault" }),
  span({
    spanId: "p",
    parentSpanId: "r",
    service: "orders",
    name: "POST /v1/charges",
    startTime: T0 + 100,
    endTime: T0 + 3100,
    status: "fault",
    events: [
      {
        name: "exception",
        timestamp: T0 + 3100,
        attributes: { "exception.type": "TimeoutError", "exception.message": "payment provider timed out after 3000 ms" },
      },
    ],
  }),
  span({ spanId: "q", parentSpanId: "r", service: "orders", name: "SELECT", startTime: T0 + 10, endTime: T0 + 40 }),
]);
const url = "https://sightline.example/trace/5f3a3e1289b4a5c6d7e8f90123456789";

describe("traceSummaryMarkdown", () => {
  it("has the link, root, duration, status, first fault with its exception, first ERROR line and snapshot", () => {
    const md = traceSummaryMarkdown({
      trace: failing,
      traceUrl: url,
      logs: [
        log({ timestamp: T0 + 3200, level: "error", message: "later error" }),
        log({ timestamp: T0 + 50, level: "info", message: "charging card" }),
        log({ timestamp: T0 + 3101, level: "error", message: "charge failed: timeout" }),
      ],
      snapshotUrl: "https://sightline.example/s/abc",
    });
    expect(md.split("\n")).toEqual([
      `**[checkout-api POST /checkout](${url})** — 3.12 s · Fault (5xx)`,
      "- Trace: `1-5f3a3e12-89b4a5c6d7e8f90123456789` · started 2026-11-21 02:47:03.125 UTC · 3 spans · 2 services",
      "- First fault: `orders POST /v1/charges` (3.00 s) — `TimeoutError: payment provider timed out after 3000 ms`",
      "- First ERROR log: `orders` 2026-11-21 02:47:06.226 UTC — `charge failed: timeout`",
      "- Snapshot: https://sightline.example/s/abc",
    ]);
  });

  it("takes the fault where it began (no faulting child), its exception, else its status message", () => {
    const onlyChild = trace([span({ spanId: "r", service: "api", name: "GET /", startTime: T0, endTime: T0 + 10, status: "error" }), failing.spans[1]]);
    expect(traceSummaryMarkdown({ trace: onlyChild, traceUrl: url })).toContain(
      "- First fault: `orders POST /v1/charges` (3.00 s) — `TimeoutError: payment provider timed out after 3000 ms`",
    );
    // Two faulting leaves: the earlier one.
    const two = trace([
      ...failing.spans,
      span({ spanId: "z", parentSpanId: "r", service: "cache", name: "GET", startTime: T0 + 5, endTime: T0 + 8, status: "fault" }),
    ]);
    expect(traceSummaryMarkdown({ trace: two, traceUrl: url })).toContain("- First fault: `cache GET` (3.00 ms)");
    const withMessage = trace([span({ spanId: "r", service: "api", name: "GET /", startTime: T0, endTime: T0 + 10, status: "fault", statusMessage: "boom" })]);
    expect(traceSummaryMarkdown({ trace: withMessage, traceUrl: url })).toContain("— `boom`");
  });

  it("says when there is no fault and no ERROR line, and leaves out logs it does not have", () => {
    const ok = trace([span({ spanId: "r", service: "api", name: "GET /", startTime: T0, endTime: T0 + 10 })]);
    const md = traceSummaryMarkdown({ trace: ok, traceUrl: url, logs: [log({ timestamp: T0, message: "fine" })] });
    expect(md).toContain("· OK");
    expect(md).toContain("- No fault span");
    expect(md).toContain("- No ERROR log line");
    expect(md).not.toContain("Snapshot");
    expect(traceSummaryMarkdown({ trace: ok, traceUrl: url })).not.toContain("ERROR");
  });

  it("keeps telemetry text from injecting Markdown", () => {
    const evil = trace([
      span({
        spanId: "r",
        service: "api",
        name: "GET /x] [click](http://evil)",
        startTime: T0,
        endTime: T0 + 10,
        status: "fault",
        statusMessage: "a `b` [c](d)\nnext",
      }),
    ]);
    const md = traceSummaryMarkdown({ trace: evil, traceUrl: url });
    expect(md.split("\n")[0]).toBe(`**[api GET /x\\] \\[click\\](http://evil)](${url})** — 3.12 s · Fault (5xx)`);
    expect(md).toContain("— ``a `b` [c](d) next``");
  });
});

describe("codeSpan", () => {
  it("fences with more backticks than the text holds, pads edge backticks and truncates", () => {
    expect(codeSpan("plain")).toBe("`plain`");
    expect(codeSpan("x ``y`` z")).toBe("```x ``y`` z```");
    expect(codeSpan("`edge")).toBe("`` `edge ``");
    expect(codeSpan("")).toBe("` `");
    const long = codeSpan("x".repeat(1000));
    expect(long.length).toBe(302);
    expect(long.endsWith("…`")).toBe(true);
  });
});
