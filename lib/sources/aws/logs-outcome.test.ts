import { describe, expect, it } from "vitest";
import type { LogEvent } from "../../model";
import { withLambdaReport } from "./lambda-report-fields";
import { type LogsQueryRecord, type OutcomeContext, type QueryStatus, NO_GROUPS_MESSAGE, logsCost, logsOutcome } from "./logs-outcome";

function event(id: string, timestamp: number, message = `line ${id}`): LogEvent {
  return { id, timestamp, message, level: "info", service: null, traceId: null, spanId: null, logGroup: "/g", fields: {} };
}

function query(status: QueryStatus, events: LogEvent[] = [], scanned = 10): LogsQueryRecord {
  return {
    pass: "narrow",
    groups: ["/g"],
    window: { startTime: 0, endTime: 1 },
    status,
    events,
    stats: { recordsScanned: scanned, bytesScanned: scanned * 100, recordsMatched: events.length },
  };
}

const context: OutcomeContext = { planning: false, missingGroups: [], problems: [], pricePerGb: 0.005 };

describe("logsOutcome", () => {
  it("is running while anything is planned, waiting or running, with the statistics so far and no rows yet", () => {
    const running = logsOutcome([query({ kind: "running", queryId: "q" }, [event("x", 1)])], context);
    expect(running).toMatchObject({ status: "running", events: [], stats: { recordsScanned: 10, bytesScanned: 1000 } });
    expect(logsOutcome([query({ kind: "complete" })], { ...context, planning: true }).status).toBe("running");
    expect(logsOutcome([query({ kind: "waiting" })], context).status).toBe("running");
  });

  it("merges the completed queries' events, de-duplicated by id, oldest first", () => {
    const result = logsOutcome(
      [query({ kind: "complete" }, [event("b", 2), event("a", 1)]), query({ kind: "complete" }, [event("a", 1), event("c", 1)])],
      context,
    );
    expect(result.status).toBe("complete");
    expect(result.events.map((e) => e.id)).toEqual(["a", "c", "b"]);
    expect(result.stats).toEqual({ recordsScanned: 20, bytesScanned: 2000, recordsMatched: 4 });
    expect(result.message).toBeUndefined();
  });

  it("is partial when some queries failed or groups are missing, failed when nothing was searched", () => {
    const failed = query({ kind: "failed", message: "The Logs Insights query timed out (Timeout)." });
    const partial = logsOutcome([query({ kind: "complete" }, [event("a", 1)]), failed], { ...context, missingGroups: ["/gone"] });
    expect(partial.status).toBe("partial");
    expect(partial.message).toBe("The Logs Insights query timed out (Timeout). The log group /gone does not exist: skipped.");
    expect(logsOutcome([failed, failed], context)).toMatchObject({ status: "failed", message: "The Logs Insights query timed out (Timeout)." });
    expect(logsOutcome([query({ kind: "replaced" })], { ...context, missingGroups: ["/a", "/b"] })).toMatchObject({
      status: "failed",
      message: "The log groups /a, /b do not exist: skipped.",
    });
    expect(logsOutcome([], { ...context, problems: ["The log groups /x* could not be listed."] }).status).toBe("failed");
  });

  it("says so when there was nothing to search", () => {
    expect(logsOutcome([], context)).toMatchObject({ status: "complete", events: [], message: NO_GROUPS_MESSAGE });
  });

  it("prices the bytes scanned per GB of 2^30 bytes", () => {
    expect(logsCost(2 ** 30, 0.005)).toEqual({ bytesScanned: 2 ** 30, pricePerGb: 0.005, estimatedUsd: 0.005 });
    expect(logsCost(0, 0.005).estimatedUsd).toBe(0);
    expect(logsOutcome([query({ kind: "complete" }, [], 2 ** 20)], context).cost?.estimatedUsd).toBeCloseTo((0.005 * 100) / 1024, 9);
  });
});

describe("withLambdaReport", () => {
  it("adds a REPORT line's figures as lambda.report.* fields", () => {
    const line =
      "REPORT RequestId: c793869b-ee49-115b-a5b6-4fd21e8dedac\tDuration: 128.83 ms\tBilled Duration: 200 ms\tMemory Size: 128 MB\tMax Memory Used: 74 MB\tInit Duration: 166.62 ms";
    expect(withLambdaReport(event("r", 1, line)).fields).toEqual({
      "lambda.report.requestId": "c793869b-ee49-115b-a5b6-4fd21e8dedac",
      "lambda.report.durationMs": 128.83,
      "lambda.report.billedDurationMs": 200,
      "lambda.report.memorySizeMb": 128,
      "lambda.report.maxMemoryUsedMb": 74,
      "lambda.report.initDurationMs": 166.62,
      "lambda.report.coldStart": true,
    });
  });

  it("leaves other lines as they are", () => {
    const start = event("s", 1, "START RequestId: c793869b Version: $LATEST");
    expect(withLambdaReport(start)).toBe(start);
    const app = event("a", 1, '{"message":"REPORT ready"}');
    expect(withLambdaReport(app)).toBe(app);
  });
});
