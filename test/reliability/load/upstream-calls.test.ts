import { describe, expect, it } from "vitest";
import { upstreamPerTrace } from "./upstream-calls";

const A = "6920abcd0123456789abcdef01234567";
const B = "6920abcd0123456789abcdef0123ffff";
const xray = (hex: string) => `1-${hex.slice(0, 8)}-${hex.slice(8)}`;

describe("upstreamPerTrace", () => {
  it("counts BatchGetTraces by trace ID and StartQuery by the trace its query names", () => {
    const { perTrace, totals } = upstreamPerTrace(
      [
        { op: "BatchGetTraces", input: { TraceIds: [xray(A)] }, at: 1 },
        { op: "BatchGetTraces", input: { TraceIds: [xray(A), xray(B)] }, at: 2 },
        { op: "StartQuery", input: { queryString: `filter traceId in ["${B}", "${xray(B)}"]` }, at: 3 },
        { op: "GetQueryResults", input: { queryId: "q" }, at: 4 },
      ],
      [A, B],
    );
    expect(perTrace.get("BatchGetTraces")).toEqual(
      new Map([
        [A, 2],
        [B, 1],
      ]),
    );
    expect(perTrace.get("StartQuery")).toEqual(new Map([[B, 1]]));
    expect(totals.get("GetQueryResults")).toBe(1);
  });
});
