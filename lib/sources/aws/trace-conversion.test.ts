import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildLargeXRayTrace } from "../../../bench/aws-segments";
import { segmentsToTrace, TraceConversion } from "./segments-to-spans";
import { withExactTimes } from "./xray-time";

const TRACE = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const T0 = 1597652498;

function inPages(traceId: string, documents: readonly unknown[], size: number) {
  const conversion = new TraceConversion(traceId);
  for (let i = 0; i < documents.length; i += size) conversion.add(documents.slice(i, i + size));
  return conversion.finish();
}

describe("a trace converted page by page as BatchGetTraces answers it", () => {
  it("is the trace that converting every document at once gives, warnings included", () => {
    const { xrayTraceId, documents } = buildLargeXRayTrace(300, T0 * 1000);
    // A bad document, for a warning that names its number across pages.
    const withBad = [...documents.slice(0, 150), "{not json", ...documents.slice(150)];
    const whole = segmentsToTrace(xrayTraceId, withBad);
    for (const size of [1, 7, 100]) expect(inPages(xrayTraceId, withBad, size)).toEqual(whole);
    expect(whole.warnings).toEqual(["document 150: not a JSON object, skipped"]);
  });

  it("attaches an independently sent subsegment to a segment on a later page", () => {
    const documents = [
      JSON.stringify({ type: "subsegment", id: "2000000000000001", name: "late", parent_id: "1000000000000001", start_time: T0 + 0.12, end_time: T0 + 0.13 }),
      JSON.stringify({ id: "1000000000000001", name: "api", start_time: T0 + 0.1, end_time: T0 + 0.2 }),
    ];
    const { trace, warnings } = inPages(TRACE, documents, 1);
    expect(warnings).toEqual([]);
    expect(trace.spans.map((s) => [s.spanId, s.parentSpanId, s.service])).toEqual([
      ["1000000000000001", null, "api"],
      ["2000000000000001", "1000000000000001", "api"],
    ]);
  });

  it("keeps the fixtures' answers the same", () => {
    const dir = path.resolve(__dirname, "../../../test/fixtures/aws");
    const answer = JSON.parse(readFileSync(path.join(dir, "xray-batch-get-traces-scorekeep-dynamodb.json"), "utf8")) as {
      Traces: { Id: string; Segments: { Document: string }[] }[];
    };
    const [t] = answer.Traces;
    const documents = t.Segments.map((s) => s.Document);
    expect(inPages(t.Id, documents, 2)).toEqual(segmentsToTrace(t.Id, documents));
  });
});

describe("withExactTimes", () => {
  it("rounds times of seven decimals or an exponent, and leaves six decimals and other fields alone", () => {
    expect(withExactTimes('{"start_time":1568835610.4321235,"end_time":1568835610.432123}')).toBe(
      '{"start_time":1568835610.432124,"end_time":1568835610.432123}',
    );
    expect(withExactTimes('{"start_time":1.5688356104321235e9}')).toBe('{"start_time":1568835610.432124}');
    expect(withExactTimes('{"x":"\\"start_time\\":1.12345678","other_time":1.12345678}')).toBe('{"x":"\\"start_time\\":1.12345678","other_time":1.12345678}');
  });
});
