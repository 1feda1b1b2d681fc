import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { traceSummariesFromXRay } from "./trace-summaries";

const fixture = (name: string) => readFileSync(path.resolve(__dirname, "../../../test/fixtures/aws", name), "utf8");

describe("traceSummariesFromXRay", () => {
  it("converts the GetTraceSummaries answer", () => {
    const answer = JSON.parse(fixture("xray-get-trace-summaries-scorekeep.json")) as { TraceSummaries: unknown[] };
    expect(traceSummariesFromXRay(answer.TraceSummaries)).toEqual([
      {
        traceId: "59602606a43a1ac52fc7ee0eea12a82c",
        xrayTraceId: "1-59602606-a43a1ac52fc7ee0eea12a82c",
        startTime: 0x59602606 * 1000,
        durationMs: 84,
        rootService: "scorekeep.elasticbeanstalk.com",
        rootName: "POST /api/session",
        status: "ok",
        spanCount: 0,
        httpStatus: 200,
      },
      {
        traceId: "5960260323fc5b688855d396af79b496",
        xrayTraceId: "1-59602603-23fc5b688855d396af79b496",
        startTime: 0x59602603 * 1000,
        durationMs: 3232,
        rootService: "scorekeep.elasticbeanstalk.com",
        rootName: "POST /api/user",
        status: "ok",
        spanCount: 0,
        httpStatus: 200,
      },
    ]);
  });

  it("prefers EntryPoint, then the first ServiceIds entry, for the root service", () => {
    const base = { Id: "1-59602606-a43a1ac52fc7ee0eea12a82c", Http: { HttpURL: "https://api.example.com/x" } };
    const [a, b] = traceSummariesFromXRay([
      { ...base, EntryPoint: { Name: "gateway", Type: "AWS::ApiGateway::Stage" }, ServiceIds: [{ Name: "other" }] },
      { ...base, ServiceIds: [{ Name: "checkout" }, { Name: "db" }] },
    ]);
    expect([a.rootService, b.rootService]).toEqual(["gateway", "checkout"]);
    expect(a.rootName).toBe("/x");
  });

  it.each([
    [{ HasError: true }, "error"],
    [{ HasError: true, HasThrottle: true }, "throttle"],
    [{ HasError: true, HasThrottle: true, HasFault: true }, "fault"],
    [{ HasFault: true }, "fault"],
    [{}, "ok"],
  ])("reads the flags %j as %s", (flags, status) => {
    const [summary] = traceSummariesFromXRay([{ Id: "1-59602606-a43a1ac52fc7ee0eea12a82c", ...flags }]);
    expect(summary.status).toBe(status);
  });

  it("reads StartTime as a Date or as epoch seconds", () => {
    const Id = "1-59602606-a43a1ac52fc7ee0eea12a82c";
    const summaries = traceSummariesFromXRay([
      { Id, StartTime: new Date("2017-07-08T00:23:34.500Z") },
      { Id, StartTime: 1499473414.5 },
    ]);
    expect(summaries.map((s) => s.startTime)).toEqual([Date.UTC(2017, 6, 8, 0, 23, 34, 500), 1499473414500]);
  });

  it("names a root without HTTP after its service, and skips entries without a valid Id", () => {
    const summaries = traceSummariesFromXRay([
      { Id: "1-59602606-a43a1ac52fc7ee0eea12a82c", EntryPoint: { Name: "worker" }, Duration: 1.5 },
      { Id: "nope" },
      null,
      "1-59602606-a43a1ac52fc7ee0eea12a82c",
    ]);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({ rootService: "worker", rootName: "worker", durationMs: 1500, httpStatus: null });
  });
});
