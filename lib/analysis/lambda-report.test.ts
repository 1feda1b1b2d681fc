import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseLambdaPlatformLine } from "./lambda-report";

const lines = readFileSync(path.resolve(__dirname, "../../test/fixtures/aws/lambda-platform-log-lines.txt"), "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "");

describe("parseLambdaPlatformLine on the Lambda developer guide's lines", () => {
  it("reads START, END and REPORT", () => {
    expect(lines.map(parseLambdaPlatformLine)).toEqual([
      { type: "start", requestId: "c793869b-ee49-115b-a5b6-4fd21e8dedac", version: "$LATEST" },
      { type: "end", requestId: "c793869b-ee49-115b-a5b6-4fd21e8dedac" },
      {
        type: "report",
        requestId: "c793869b-ee49-115b-a5b6-4fd21e8dedac",
        durationMs: 128.83,
        billedDurationMs: 200,
        memorySizeMb: 128,
        maxMemoryUsedMb: 74,
        initDurationMs: 166.62,
        coldStart: true,
        status: null,
        // The documentation masks part of the IDs with "xmpl": kept as written, not valid IDs.
        xrayTraceId: "1-5d9d007f-0a8c7fd02xmpl480aed55ef0",
        traceId: null,
        spanId: null,
        sampled: true,
      },
    ]);
  });
});

describe("parseLambdaPlatformLine", () => {
  it("converts a valid XRAY TraceId and SegmentId, and reads a warm timeout", () => {
    const line =
      "REPORT RequestId: 3f0c\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t" +
      "XRAY TraceId: 1-5f3a3e12-89b4a5c6d7e8f90123456789\tSegmentId: 3D752ABC1BBE37EF\tSampled: false\tStatus: timeout";
    expect(parseLambdaPlatformLine(line)).toEqual({
      type: "report",
      requestId: "3f0c",
      durationMs: 3000,
      billedDurationMs: 3000,
      memorySizeMb: 256,
      maxMemoryUsedMb: 90,
      initDurationMs: null,
      coldStart: false,
      status: "timeout",
      xrayTraceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
      traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
      spanId: "3d752abc1bbe37ef",
      sampled: false,
    });
  });

  it("reads the JSON log format's platform.start and platform.report", () => {
    const start = { time: "2023-11-15T18:13:48.000Z", type: "platform.start", record: { requestId: "r1", version: "$LATEST" } };
    const report = {
      time: "2023-11-15T18:13:48.374Z",
      type: "platform.report",
      record: {
        requestId: "r1",
        metrics: { durationMs: 4.46, billedDurationMs: 5, memorySizeMB: 128, maxMemoryUsedMB: 76, initDurationMs: 173.03 },
        tracing: { spanId: "53c4e7a39ef23d9c", type: "X-Amzn-Trace-Id", value: "Root=1-5f3a3e12-89b4a5c6d7e8f90123456789;Parent=1111111111111111;Sampled=1" },
        status: "success",
      },
    };
    expect(parseLambdaPlatformLine(JSON.stringify(start))).toEqual({ type: "start", requestId: "r1", version: "$LATEST" });
    expect(parseLambdaPlatformLine(JSON.stringify(report))).toEqual({
      type: "report",
      requestId: "r1",
      durationMs: 4.46,
      billedDurationMs: 5,
      memorySizeMb: 128,
      maxMemoryUsedMb: 76,
      initDurationMs: 173.03,
      coldStart: true,
      status: "success",
      xrayTraceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789",
      traceId: "5f3a3e1289b4a5c6d7e8f90123456789",
      spanId: "53c4e7a39ef23d9c",
      sampled: true,
    });
  });

  it.each([
    "2024-05-19T06:10:35.743Z\tc793869b\tINFO\tREPORT RequestId: is in the middle",
    "INIT_START Runtime Version: nodejs:20.v13",
    '{"type":"function","record":{"requestId":"r1"}}',
    '{"type":"platform.report"}',
    "{not json",
    "",
  ])("is null for other lines: %s", (line) => {
    expect(parseLambdaPlatformLine(line)).toBeNull();
  });
});
