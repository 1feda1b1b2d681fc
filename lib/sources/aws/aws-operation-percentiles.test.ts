import { describe, expect, it } from "vitest";
import type { TraceSummary } from "../../model";
import type { TraceQuery } from "../source";
import { AWS_BAND_NOTE, operationPercentilesFromSummaries, SUMMARY_LIMIT } from "./aws-operation-percentiles";

const summary = (rootService: string, rootName: string, durationMs: number): TraceSummary => ({
  traceId: "t",
  xrayTraceId: "1-t",
  startTime: 0,
  durationMs,
  rootService,
  rootName,
  status: "ok",
  spanCount: 1,
  httpStatus: 200,
});

describe("operationPercentilesFromSummaries", () => {
  it("bands root operations from the summaries' durations and says the inner ones are unknown", async () => {
    const asked: TraceQuery[] = [];
    const summaries = [
      ...Array.from({ length: 100 }, (_, i) => summary("api", "GET /orders", i + 1)),
      summary("api", "POST /orders", 7),
      summary("web", "GET /orders", 9),
    ];
    const answer = await operationPercentilesFromSummaries(
      async (q) => {
        asked.push(q);
        return summaries;
      },
      { from: 1, to: 2 },
      [
        { service: "api", name: "GET /orders" },
        { service: "orders", name: "SELECT" },
      ],
    );
    expect(asked).toEqual([{ from: 1, to: 2, limit: SUMMARY_LIMIT }]);
    expect(answer.operations).toEqual([{ service: "api", name: "GET /orders", count: 100, p50Ms: 50, p99Ms: 99 }]);
    expect(answer.unknown).toEqual([{ service: "orders", name: "SELECT" }]);
    expect(answer.note).toBe(AWS_BAND_NOTE);
  });

  it("has no note when every operation is known", async () => {
    const answer = await operationPercentilesFromSummaries(async () => [summary("api", "GET /", 5)], { from: 1, to: 2 }, [{ service: "api", name: "GET /" }]);
    expect(answer.note).toBeUndefined();
    expect(answer.unknown).toEqual([]);
  });
});
