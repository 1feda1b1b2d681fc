import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { logEventsFromQueryResults } from "./logs-results";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../test/fixtures/aws", name), "utf8");

const row = (fields: Record<string, string>) => Object.entries(fields).map(([field, value]) => ({ field, value }));

describe("logEventsFromQueryResults on the GetQueryResults example", () => {
  it("converts every row, oldest first", () => {
    const answer = JSON.parse(fixture("logs-get-query-results.json")) as { results: unknown };
    const events = logEventsFromQueryResults(answer.results);
    expect(events.map((e) => e.message)).toEqual(["Test BENCHMARK 1", "Test BENCHMARK 2", "Test BENCHMARK 3"]);
    expect(events[2]).toEqual({
      id: "ClQKGAoUODc3MzYyMTE0MTkzOnRlc3ROSFQQARI0GhgCBmJoHCAAAAAAg5VGeQAGZJl2MAAAAQIgASjnpOT7+DEw3+Tk+/gxOAJAXkiwBlDfAhgAIAEQARgB",
      timestamp: Date.UTC(2024, 4, 19, 6, 10, 35, 743),
      message: "Test BENCHMARK 3",
      level: "unknown",
      service: null,
      traceId: null,
      spanId: null,
      logGroup: null,
      fields: { "@logStream": "TestStream" },
    });
    expect(events[0].timestamp).toBe(Date.parse("2024-05-19T06:10:16.682Z"));
  });
});

describe("logEventsFromQueryResults", () => {
  const base = { "@timestamp": "2024-05-19 06:10:35.743", "@logStream": "2024/05/19/[$LATEST]abc", "@ptr": "p1" };

  it("reads a structured JSON log line: fields, level, trace and span, service", () => {
    const message = JSON.stringify({
      level: "WARN",
      msg: "slow",
      traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
      spanId: "53995C3F42CD8AD8",
      service: "orders",
      n: 3,
    });
    const [event] = logEventsFromQueryResults([
      row({ ...base, "@message": message, "@log": "123456789012:/aws/lambda/checkout", traceId: "5f3a3e1289b4a5c6d7e8f90123456789" }),
    ]);
    expect(event).toEqual({
      id: "p1",
      timestamp: Date.UTC(2024, 4, 19, 6, 10, 35, 743),
      message,
      level: "warn",
      service: "orders",
      traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
      spanId: "53995c3f42cd8ad8",
      logGroup: "/aws/lambda/checkout",
      account: "123456789012",
      fields: {
        level: "WARN",
        msg: "slow",
        traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
        spanId: "53995C3F42CD8AD8",
        service: "orders",
        n: 3,
        "@logStream": "2024/05/19/[$LATEST]abc",
      },
    });
  });

  it("keeps the account of @log (a linked source account's), and none when @log has no account", () => {
    const [linked, bare, none] = logEventsFromQueryResults([
      row({ ...base, "@ptr": "a", "@message": "a", "@log": "111122223333:/ecs/ledger" }),
      row({ ...base, "@ptr": "b", "@message": "b", "@log": "/ecs/ledger" }),
      row({ ...base, "@ptr": "c", "@message": "c" }),
    ]);
    expect(linked).toMatchObject({ logGroup: "/ecs/ledger", account: "111122223333" });
    expect(bare.logGroup).toBe("/ecs/ledger");
    expect(bare).not.toHaveProperty("account");
    expect(none).not.toHaveProperty("account");
  });

  it("takes the trace and segment of a Lambda REPORT line, and the service from the log group", () => {
    const message =
      "REPORT RequestId: c793\tDuration: 1.00 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 70 MB\t" +
      "XRAY TraceId: 1-5f3a3e12-89b4a5c6d7e8f90123456789\tSegmentId: 3d752abc1bbe37ef\tSampled: true";
    const [event] = logEventsFromQueryResults([row({ ...base, "@message": message, "@log": "123456789012:/aws/lambda/checkout" })]);
    expect(event).toMatchObject({ traceId: "5f3a3e1289b4a5c6d7e8f90123456789", spanId: "3d752abc1bbe37ef", service: "checkout", level: "unknown" });
  });

  it.each([
    ["2024-05-19T06:10:35.743Z\tc793\tERROR\tInvoke Error", "error"],
    ["[WARNING]\t2024-05-19T06:10:35.743Z\tc793\tdisk low", "warn"],
    ["INFO: started", "info"],
    ["no error here, just info in lower case", "unknown"],
  ])("reads the level of %j from the message", (message, level) => {
    expect(logEventsFromQueryResults([row({ ...base, "@message": message })])[0].level).toBe(level);
  });

  it("prefers a level field, also pino's numeric levels", () => {
    const events = logEventsFromQueryResults([
      row({ ...base, "@message": "ERROR in text", levelname: "debug" }),
      row({ ...base, "@message": '{"level":50,"msg":"boom"}' }),
      row({ ...base, "@message": "x", severity: "Critical" }),
    ]);
    expect(events.map((e) => e.level)).toEqual(["debug", "error", "fatal"]);
  });

  it("finds an X-Ray ID in free text and the ECS service in the log group", () => {
    const [event] = logEventsFromQueryResults([
      row({ ...base, "@message": "handled 1-5f3a3e12-89b4a5c6d7e8f90123456789 in 3 ms", "@log": "123456789012:/ecs/orders-api" }),
    ]);
    expect(event).toMatchObject({ traceId: "5f3a3e1289b4a5c6d7e8f90123456789", spanId: null, service: "orders-api", logGroup: "/ecs/orders-api" });
  });

  it("keeps sub-millisecond timestamps and drops rows without a readable @timestamp", () => {
    const events = logEventsFromQueryResults([
      row({ ...base, "@timestamp": "2024-05-19 06:10:35.7435", "@message": "a" }),
      row({ "@message": "no time" }),
      row({ ...base, "@timestamp": "yesterday", "@message": "b" }),
      "junk",
      [{ field: "@timestamp" }, 5],
    ]);
    expect(events.map((e) => [e.message, e.timestamp])).toEqual([["a", Date.UTC(2024, 4, 19, 6, 10, 35, 743) + 0.5]]);
  });

  it("is empty for anything that is not a results array", () => {
    expect(logEventsFromQueryResults(undefined)).toEqual([]);
    expect(logEventsFromQueryResults({ results: [] })).toEqual([]);
  });
});
