/**
 * The converter on real X-Ray segment documents (test/fixtures/README.md names their sources): the
 * developer guide's examples and the .NET SDK's output, with times to seven decimals.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { buildServiceGraph } from "../../analysis/service-graph";
import type { Span } from "../../model";
import { UNKNOWN_SERVICE, segmentsToTrace } from "./segments-to-spans";
import { roundedSecondsText, withExactTimes } from "./xray-time";

interface BatchGetTraces {
  Traces: { Id: string; Segments: { Id: string; Document: string }[] }[];
}

function fixture(name: string) {
  const answer = JSON.parse(readFileSync(path.resolve(__dirname, "../../../test/fixtures/aws", name), "utf8")) as BatchGetTraces;
  return answer.Traces[0];
}

const devguide = fixture("xray-segment-documents-devguide-dotnet.json");
const documents = devguide.Segments.map((s) => s.Document);
const byId = (spans: Span[], id: string) => {
  const span = spans.find((s) => s.spanId === id);
  if (!span) throw new Error(`no span ${id}`);
  return span;
};

describe("real segment documents: the developer guide's examples and the .NET SDK's output", () => {
  const { trace, warnings } = segmentsToTrace(devguide.Id, documents);

  it("rounds seven-decimal times to the exact microsecond, on their decimal text", () => {
    const root = byId(trace.spans, "70de5b6f19ff9a0b");
    // 1478293361.4490024 s: the double times 1e6 rounds to …449003; the decimal digits say …449002.
    expect([root.startTime, root.endTime, root.durationMs]).toEqual([1478293361271.001, 1478293361449.002, 178.001]);
    expect([byId(trace.spans, "53995c3f42cd8ad8").startTime, byId(trace.spans, "3fd8634e78ca9560").endTime]).toEqual([1478293361272.001, 1478293361401.007]);
  });

  it("replaces the in-progress segment with its completed version", () => {
    const root = byId(trace.spans, "70de5b6f19ff9a0b");
    expect(root.name).toBe("GET /health");
    expect(root.attributes["xray.in_progress"]).toBeUndefined();
    expect(root.httpStatus).toBe(200);
    expect(trace.spans.filter((s) => s.spanId === "70de5b6f19ff9a0b")).toHaveLength(1);
    // The completed version's subsegments hang under it.
    expect(byId(trace.spans, "53995c3f42cd8ad8").parentSpanId).toBe("70de5b6f19ff9a0b");
  });

  it("keeps the cause's working directory and paths with its exceptions", () => {
    const [exception] = byId(trace.spans, "1111111111111111").events;
    expect(exception.attributes).toMatchObject({
      "exception.type": "ArgumentNullException",
      "xray.cause.working_directory": "C:\\Users\\test\\AWSXRayRecorder.UnitTests\\bin\\Debug",
      "xray.cause.paths": ["C:\\Users\\test\\AWSXRayRecorder.UnitTests\\bin\\Debug\\AWSXRayRecorder.Core.dll"],
    });
    expect(String(exception.attributes["exception.stacktrace"])).toContain("JsonSegmentMarshallerTest.cs:236");
  });

  it("keeps a standalone subsegment whose parent is missing as what it is: an outgoing call", () => {
    const orphan = byId(trace.spans, "53995c3f42cd8ad9");
    expect([orphan.kind, orphan.service, orphan.name, orphan.parentSpanId]).toEqual(["client", UNKNOWN_SERVICE, "api.example.com", "defdfd9912dc5a56"]);
    expect(trace.services).not.toContain("api.example.com");
    expect(warnings).toEqual(["document 3: subsegment whose parent defdfd9912dc5a56 is not in the trace"]);
  });

  it("draws the inferred SQL database (origin Database::SQL) as a database on the map", () => {
    const inferred = byId(trace.spans, "4b5c8e7a91d2f3a6");
    expect([inferred.kind, inferred.origin, inferred.parentSpanId]).toEqual(["server", "Database::SQL", "3fd8634e78ca9560"]);
    const graph = buildServiceGraph(trace.spans);
    expect(graph.nodes.find((n) => n.name === inferred.service)?.type).toBe("database");
  });
});

describe("exact times", () => {
  it("rounds the decimal text half up at the microsecond, with or without an exponent", () => {
    expect(roundedSecondsText("1568835610.4321014")).toBe("1568835610.432101");
    expect(roundedSecondsText("1568835610.4321015")).toBe("1568835610.432102");
    expect(roundedSecondsText("1.5688356104321019E9")).toBe("1568835610.432102");
    expect(roundedSecondsText("1568835610.9999995")).toBe("1568835611.000000");
    expect(roundedSecondsText("1568835610.432101")).toBeNull();
    expect(roundedSecondsText("1.568835610432E9")).toBeNull();
  });

  it("touches start_time and end_time values only, never text inside a string", () => {
    const json = '{"start_time":1568835610.4321014,"name":"\\"start_time\\":1568835610.4321014","end_time" : 1.5688356104321019E9}';
    const parsed = JSON.parse(withExactTimes(json)) as Record<string, unknown>;
    expect(parsed).toEqual({ start_time: 1568835610.432101, name: '"start_time":1568835610.4321014', end_time: 1568835610.432102 });
    const { trace } = segmentsToTrace("1-5d82881a-0a9126e92a73e971eed891b9", [
      '{"id":"1000000000000001","name":"s","start_time":1568835610.4321014,"end_time":1568835610.4321024}',
    ]);
    expect([trace.spans[0].startTime, trace.spans[0].endTime]).toEqual([1568835610432.101, 1568835610432.102]);
  });
  it("reads a document again when a time deep in it has seven decimals, without doubling its spans or warnings", () => {
    const doc = (deepStart: string) =>
      `{"id":"1000000000000001","name":"s","start_time":1568835610.43,"end_time":1568835610.5,"subsegments":[` +
      `{"name":"no id","start_time":1568835610.431,"end_time":1568835610.45},` +
      `{"id":"1000000000000002","name":"c","start_time":1568835610.431,"end_time":1568835610.46,"subsegments":[` +
      `{"id":"1000000000000003","name":"deep","start_time":${deepStart},"end_time":1568835610.47}]}]}`;
    const sixDecimals = segmentsToTrace(TRACE, [doc("1568835610.432101")]);
    const sevenDecimals = segmentsToTrace(TRACE, [doc("1568835610.4321014")]);
    expect(sevenDecimals.trace.spans.map((s) => s.spanId)).toEqual(["1000000000000001", "1000000000000002", "1000000000000003"]);
    // JSON.parse and secondsToMs alone would give 1568835610432.102.
    expect(sevenDecimals.trace.spans[2].startTime).toBe(1568835610432.101);
    expect(sevenDecimals.trace).toEqual(sixDecimals.trace);
    expect(sevenDecimals.warnings).toEqual(sixDecimals.warnings);
    expect(sevenDecimals.warnings).toHaveLength(1);
  });

  it("parses no more than one document twice in a trace whose SDK writes seven decimals", () => {
    const docs = [
      '{"id":"1000000000000001","name":"a","start_time":1568835610.4321014,"end_time":1568835610.5000000}',
      '{"id":"1000000000000002","name":"b","start_time":1568835610.4321014,"end_time":1568835610.5000000}',
      '{"type":"subsegment","id":"1000000000000003","parent_id":"1000000000000001","name":"c","start_time":1568835610.4321014,"end_time":1568835610.4400000}',
      '{"id":"1000000000000004","name":"d","start_time":1568835610.432101,"end_time":1568835610.5}',
    ];
    const parse = vi.spyOn(JSON, "parse");
    try {
      const { trace, warnings } = segmentsToTrace(TRACE, docs);
      expect(trace.spans.map((s) => [s.spanId, s.startTime])).toEqual([
        ["1000000000000001", 1568835610432.101],
        ["1000000000000002", 1568835610432.101],
        ["1000000000000004", 1568835610432.101],
        ["1000000000000003", 1568835610432.101],
      ]);
      expect(warnings).toEqual([]);
      expect(parse).toHaveBeenCalledTimes(docs.length + 1);
    } finally {
      parse.mockRestore();
    }
  });

  it("takes the times of an already parsed document as they are, rounded to the microsecond", () => {
    const startTime = Number("1568835610.4321014"); // the double nearest the text, as JSON.parse reads it
    const { trace } = segmentsToTrace(TRACE, [{ id: "1000000000000001", name: "s", start_time: startTime, end_time: 1568835610.5, trace_id: TRACE }]);
    // The double's own rounding, 1 µs off what the text 1568835610.4321014 rounds to: there is no text to read again.
    expect(trace.spans[0].startTime).toBe(1568835610432.102);
  });

  it("rounds each form of time that needs it alone in a document, and leaves six decimals untouched", () => {
    const cases: [string, number][] = [
      ['{"end_time":1568835610.4321014}', 1568835610.432101],
      ['{"end_time" :\n 15688356104321019e-7}', 1568835610.432102],
      ['{"start_time":1.5688356104321019E9}', 1568835610.432102],
      ['{"start_time":1568835610E0}', 1568835610],
    ];
    for (const [json, seconds] of cases) expect(Object.values(JSON.parse(withExactTimes(json)) as object)).toEqual([seconds]);
    const sixDecimals = '{"start_time":1568835610.432101,"end_time":1568835610.432102}';
    expect(withExactTimes(sixDecimals)).toBe(sixDecimals);
  });
});

const TRACE = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const T0 = 1597652498;
const seg = (id: string, extra: Record<string, unknown> = {}) => ({ id, name: "svc", start_time: T0 + 0.1, end_time: T0 + 0.2, trace_id: TRACE, ...extra });

describe("in-progress and completed versions", () => {
  it("keeps the completed version whichever comes first, without a warning", () => {
    const inProgress = seg("1000000000000001", { end_time: undefined, in_progress: true, name: "first" });
    const done = seg("1000000000000001", { name: "done", end_time: T0 + 0.5 });
    for (const order of [
      [inProgress, done],
      [done, inProgress],
    ]) {
      const { trace, warnings } = segmentsToTrace(TRACE, order);
      expect(trace.spans.map((s) => [s.spanId, s.service, s.endTime])).toEqual([["1000000000000001", "done", (T0 + 0.5) * 1000]]);
      expect(warnings).toEqual([]);
    }
  });

  it("replaces an in-progress subsegment with the completed one sent on its own", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      seg("1000000000000001", { subsegments: [{ id: "2000000000000001", name: "call", start_time: T0 + 0.11, in_progress: true }] }),
      { type: "subsegment", id: "2000000000000001", name: "call", parent_id: "1000000000000001", start_time: T0 + 0.11, end_time: T0 + 0.15, trace_id: TRACE },
    ]);
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId, s.endTime])).toEqual([
      ["1000000000000001", null, (T0 + 0.2) * 1000],
      ["2000000000000001", "1000000000000001", (T0 + 0.15) * 1000],
    ]);
    expect(warnings).toEqual([]);
  });
});

describe("parent cycles", () => {
  it("warns, and makes the earliest span of the cycle a root", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      seg("1000000000000001", { parent_id: "1000000000000002", start_time: T0 + 0.12 }),
      seg("1000000000000002", { parent_id: "1000000000000001", start_time: T0 + 0.11 }),
      seg("1000000000000003", { parent_id: "1000000000000003" }),
    ]);
    const roots = trace.spans.filter((s) => s.parentSpanId === null).map((s) => s.spanId);
    expect(roots.sort()).toEqual(["1000000000000002", "1000000000000003"]);
    expect(warnings).toEqual([
      "parent cycle 1000000000000001 → 1000000000000002 → 1000000000000001: 1000000000000002, the earliest, made a root",
      "parent cycle 1000000000000003 → 1000000000000003: 1000000000000003, the earliest, made a root",
    ]);
  });
});

describe("parent cycles entered from a tail", () => {
  it("breaks the cycle only, and leaves the spans that lead into it their parents", () => {
    const { trace, warnings } = segmentsToTrace(TRACE, [
      seg("1000000000000001", { parent_id: "1000000000000002", start_time: T0 + 0.15 }),
      seg("1000000000000002", { parent_id: "1000000000000003", start_time: T0 + 0.14 }),
      seg("1000000000000003", { parent_id: "1000000000000004", start_time: T0 + 0.12 }),
      seg("1000000000000004", { parent_id: "1000000000000002", start_time: T0 + 0.13 }),
    ]);
    const parents = Object.fromEntries(trace.spans.map((s) => [s.spanId, s.parentSpanId]));
    expect(parents).toEqual({
      "1000000000000001": "1000000000000002",
      "1000000000000002": "1000000000000003",
      "1000000000000003": null,
      "1000000000000004": "1000000000000002",
    });
    expect(warnings).toEqual([
      "parent cycle 1000000000000002 → 1000000000000003 → 1000000000000004 → 1000000000000002: 1000000000000003, the earliest, made a root",
    ]);
  });
});

describe("deep documents", () => {
  it("keeps every span of a document nested 12,000 deep whose entries all have warnings", () => {
    const root: Record<string, unknown> = seg("1000000000000001");
    let cur = root;
    for (let i = 0; i < 12_000; i++) {
      // No end_time and not in_progress: one warning per entry, each naming its path.
      const sub: Record<string, unknown> = { id: (0x2000000000000000n + BigInt(i)).toString(16), name: `n${i}`, start_time: T0 + 0.1 };
      cur.subsegments = [sub];
      cur = sub;
    }
    const { trace, warnings } = segmentsToTrace(TRACE, [root]);
    expect(trace.spans).toHaveLength(12_001);
    expect(warnings).toHaveLength(12_000);
    expect(warnings[11_999]).toBe(`document 0 › … 11994 levels${" › subsegments[0]".repeat(6)}: no end_time and not in_progress; ends with the trace`);
    expect(warnings[1]).toBe("document 0 › subsegments[0] › subsegments[0]: no end_time and not in_progress; ends with the trace");
  });
});
