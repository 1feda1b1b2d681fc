import { describe, expect, it } from "vitest";
import { parseQuery } from "../../../test/aws-server/logs/insights-parser";
import { parseTraceId } from "../../trace-id";
import { SpansQueryError, rootSpansQuery, traceSpansQuery, traceStatusQuery } from "./spans-query";

const id = (value: string) => {
  const parsed = parseTraceId(value);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.id;
};

describe("traceSpansQuery", () => {
  it("filters aws/spans on the trace's W3C ID, whatever form was pasted", () => {
    const query = traceSpansQuery(id("Root=1-675A1B2C-9f0e4d3c8b7a6f5e4d3c2b1a;Parent=53995c3f42cd8ad8;Sampled=1"));
    expect(query).toBe(
      ["fields @timestamp, spanId, @message", '| filter traceId = "675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a"', "| sort @timestamp asc", "| limit 10000"].join("\n"),
    );
    expect(() => parseQuery(query)).not.toThrow();
  });

  it("reads a next page from a millisecond on, inclusive, as toMillis(@timestamp)", () => {
    const query = traceSpansQuery(id("675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a"), 1_733_958_444_123);
    expect(query.split("\n")[1]).toBe('| filter traceId = "675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a" and toMillis(@timestamp) >= 1733958444123');
    expect(() => parseQuery(query)).not.toThrow();
    for (const bad of [-1, 1.5, Number.NaN, Infinity]) expect(() => traceSpansQuery(id("675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a"), bad)).toThrow(TypeError);
  });

  it("refuses an ID that is not 32 lowercase hex digits, however it was built", () => {
    const forged = { ...id("675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a"), hex: '675a1b2c9f0e4d3c8b7a6f5e4d3c2b1" or 1=1' };
    expect(() => traceSpansQuery(forged)).toThrow(TypeError);
    expect(() => traceStatusQuery([forged.hex])).toThrow(TypeError);
  });
});

describe("rootSpansQuery", () => {
  it("filters root spans on service, operation (case-insensitive substring) and duration, newest first", () => {
    const query = rootSpansQuery({ service: "checkout-api", operation: "POST /check.out", minDurationMs: 250, maxDurationMs: 1500.5, limit: 20 });
    expect(query).toBe(
      [
        "fields @timestamp, @message",
        '| filter not ispresent(parentSpanId) or parentSpanId = ""',
        '| filter resource.attributes.service.name = "checkout-api"',
        "| filter name like /(?i)POST \\/check\\.out/",
        "| filter durationNano >= 250000000",
        "| filter durationNano <= 1500500000",
        "| sort @timestamp desc",
        "| limit 20",
      ].join("\n"),
    );
    expect(() => parseQuery(query)).not.toThrow();
  });

  it.each([
    ["service", { service: 'a" or traceId like /./ or "' }],
    ["service", { service: "line\nbreak" }],
    ["operation", { operation: "GET /\n| limit 1" }],
    ["operation", { operation: "x".repeat(201) }],
  ])("refuses a %s that could change the query, naming it", (parameter, filter) => {
    let thrown: unknown;
    try {
      rootSpansQuery({ ...filter, limit: 10 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SpansQueryError);
    expect((thrown as SpansQueryError).parameter).toBe(parameter);
    expect((thrown as SpansQueryError).message).toMatch(new RegExp(`^${parameter}: `));
  });

  it("escapes every punctuation character of an operation inside its pattern", () => {
    const query = rootSpansQuery({ operation: "GET /users/{id}?q=(a|b)\\/", limit: 5 });
    expect(query).toContain("| filter name like /(?i)GET \\/users\\/\\{id\\}\\?q\\=\\(a\\|b\\)\\\\\\//");
    expect(() => parseQuery(query)).not.toThrow();
  });
});

describe("traceStatusQuery", () => {
  it("asks for the status fields of every span of the traces", () => {
    const query = traceStatusQuery(["675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a", "0123456789abcdef0123456789abcdef"]);
    expect(query).toContain('| filter traceId in ["675a1b2c9f0e4d3c8b7a6f5e4d3c2b1a", "0123456789abcdef0123456789abcdef"]');
    expect(() => parseQuery(query)).not.toThrow();
    expect(() => traceStatusQuery([])).toThrow(TypeError);
  });
});
