/**
 * GetTraceSummaries through the SDK: summaries built from segments, time windows, filter
 * expressions and paging.
 */
import { GetTraceSummariesCommand, InvalidRequestException, type TraceSummary, paginateGetTraceSummaries } from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments, fixtureText, xrayClient } from "./sdk-clients";
import { syntheticTrace } from "./synthetic-traces";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
});
afterEach(async () => {
  await server.close();
});

const JULY_2017 = { StartTime: new Date(1_499_473_000_000), EndTime: new Date(1_499_474_000_000) };

describe("GetTraceSummaries on the Scorekeep traces", () => {
  it("summarizes the trace as the public GetTraceSummaries example does", async () => {
    server.putSegments([...fixtureSegments(SCOREKEEP_LAMBDA), ...fixtureSegments(SCOREKEEP_DYNAMODB)]);
    const out = await xrayClient(server).send(new GetTraceSummariesCommand(JULY_2017));
    // The 2019 DynamoDB trace is outside the window.
    expect(out.TraceSummaries?.map((s) => s.Id)).toEqual([LAMBDA_TRACE_ID]);
    expect(out.TracesProcessedCount).toBe(1);
    expect(out.ApproximateTime).toEqual(JULY_2017.EndTime);

    const example = (JSON.parse(fixtureText("xray-get-trace-summaries-scorekeep.json")) as { TraceSummaries: TraceSummary[] }).TraceSummaries.find(
      (s) => s.Id === LAMBDA_TRACE_ID,
    );
    const summary = out.TraceSummaries?.[0];
    expect(summary).toMatchObject({
      Id: example?.Id,
      Duration: example?.Duration,
      ResponseTime: example?.ResponseTime,
      HasError: false,
      HasFault: false,
      HasThrottle: false,
      IsPartial: false,
      Http: { HttpStatus: 200, HttpMethod: "POST", HttpURL: example?.Http?.HttpURL },
    });
    expect(summary?.StartTime).toEqual(new Date(1_499_473_411_562));
    expect(summary?.Users?.map((u) => u.UserName)).toEqual(["5M388M1E"]);
    expect(Object.keys(summary?.Annotations ?? {}).sort()).toEqual(Object.keys(example?.Annotations ?? {}).sort());
    expect(summary?.Annotations?.UserID?.[0]?.AnnotationValue).toEqual({ StringValue: "5M388M1E" });
    expect(summary?.Annotations?.Name?.[0]?.AnnotationValue).toEqual({ StringValue: "Ola" });
    expect(summary?.EntryPoint).toMatchObject({ Name: "Scorekeep", Type: "AWS::ElasticBeanstalk::Environment" });
    expect(summary?.ServiceIds?.map((s) => `${s.Name}|${s.Type}`).sort()).toEqual(
      [
        "DynamoDB|AWS::DynamoDB::Table",
        "SNS|AWS::SNS",
        "Scorekeep|AWS::ElasticBeanstalk::Environment",
        "random-name|AWS::Lambda",
        "random-name|AWS::Lambda::Function",
      ].sort(),
    );
  });

  it("rejects a window that ends before it starts", async () => {
    await expect(xrayClient(server).send(new GetTraceSummariesCommand({ StartTime: JULY_2017.EndTime, EndTime: JULY_2017.StartTime }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });
});

describe("filter expressions", () => {
  const T = 1_700_000_000;
  let ids: Record<string, string>;
  beforeEach(() => {
    const traces = {
      fastOk: syntheticTrace({ startSeconds: T + 1, service: "checkout", responseSeconds: 0.1, annotations: { tenant: "acme" } }),
      slowFault: syntheticTrace({ startSeconds: T + 2, service: "checkout", status: 503, responseSeconds: 2.5 }),
      throttled: syntheticTrace({ startSeconds: T + 3, service: "payments", status: 429, responseSeconds: 0.3, downstream: "SQS" }),
      notFound: syntheticTrace({ startSeconds: T + 4, service: "payments", status: 404, responseSeconds: 1.2 }),
    };
    for (const t of Object.values(traces)) server.putSegments(t.documents);
    ids = Object.fromEntries(Object.entries(traces).map(([k, t]) => [k, t.traceId]));
  });

  async function matching(expression: string): Promise<string[]> {
    const out = await xrayClient(server).send(
      new GetTraceSummariesCommand({ StartTime: new Date(T * 1000), EndTime: new Date((T + 10) * 1000), FilterExpression: expression }),
    );
    const names = Object.fromEntries(Object.entries(ids).map(([k, v]) => [v, k]));
    return (out.TraceSummaries ?? []).map((s) => names[s.Id ?? ""]).sort();
  }

  it.each([
    ['service("checkout")', ["fastOk", "slowFault"]],
    ['service("SQS")', ["throttled"]],
    ["responsetime > 1", ["notFound", "slowFault"]],
    ["fault", ["slowFault"]],
    ["error", ["notFound", "throttled"]],
    ["throttle", ["throttled"]],
    ["ok", ["fastOk"]],
    ["http.status = 404", ["notFound"]],
    ['service("payments") AND responsetime > 1', ["notFound"]],
    ['service("checkout") AND NOT fault', ["fastOk"]],
    ["fault OR throttle", ["slowFault", "throttled"]],
    ['annotation.tenant = "acme"', ["fastOk"]],
  ])("%s", async (expression, expected) => {
    expect(await matching(expression)).toEqual(expected);
  });

  it.each(['service("checkout") AND', "responsetime >> 1", 'region("us-east-1")', "service(checkout)"])(
    "rejects %s with InvalidRequestException",
    async (expression) => {
      const error = await matching(expression).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRequestException);
      expect((error as Error).message).toMatch(/Invalid filter expression: .* at position \d+/);
    },
  );
});

describe("paging", () => {
  it("returns at most 10 summaries a page, with NextToken, newest first", async () => {
    const T = 1_710_000_000;
    const made = Array.from({ length: 25 }, (_, i) => syntheticTrace({ startSeconds: T + i }));
    for (const t of made) server.putSegments(t.documents);
    const client = xrayClient(server);
    const window = { StartTime: new Date(T * 1000), EndTime: new Date((T + 60) * 1000) };

    const first = await client.send(new GetTraceSummariesCommand(window));
    expect(first.TraceSummaries).toHaveLength(10);
    expect(first.NextToken).toBeTruthy();
    expect(first.TraceSummaries?.[0]?.Id).toBe(made[24].traceId);

    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of paginateGetTraceSummaries({ client }, window)) {
      pages.push(page.TraceSummaries?.length ?? 0);
      seen.push(...(page.TraceSummaries ?? []).map((s) => s.Id ?? ""));
    }
    expect(pages).toEqual([10, 10, 5]);
    expect(new Set(seen).size).toBe(25);
    expect(seen).toEqual(made.map((t) => t.traceId).reverse());
  });

  it("rejects a NextToken from another request", async () => {
    const T = 1_720_000_000;
    for (let i = 0; i < 12; i += 1) server.putSegments(syntheticTrace({ startSeconds: T + i }).documents);
    const client = xrayClient(server);
    const window = { StartTime: new Date(T * 1000), EndTime: new Date((T + 60) * 1000) };
    const first = await client.send(new GetTraceSummariesCommand(window));
    await expect(client.send(new GetTraceSummariesCommand({ ...window, FilterExpression: "ok", NextToken: first.NextToken }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
  });
});
