/**
 * GetServiceGraph, GetTraceGraph and GetTimeSeriesServiceStatistics from stored segments.
 */
import { GetServiceGraphCommand, GetTimeSeriesServiceStatisticsCommand, GetTraceGraphCommand, type Service } from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments, xrayClient } from "./sdk-clients";
import { syntheticTrace } from "./synthetic-traces";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
  server.putSegments([...fixtureSegments(SCOREKEEP_LAMBDA), ...fixtureSegments(SCOREKEEP_DYNAMODB)]);
});
afterEach(async () => {
  await server.close();
});

const label = (s: Service | undefined) => `${s?.Name}|${s?.Type}`;

function edgesOf(services: Service[]): string[] {
  const byRef = new Map(services.map((s) => [s.ReferenceId, s]));
  return services.flatMap((s) => (s.Edges ?? []).map((e) => `${label(s)} -> ${label(byRef.get(e.ReferenceId))}`)).sort();
}

describe("GetServiceGraph", () => {
  it("builds the Scorekeep map: nodes with their origins, edges through subsegments and inferred segments", async () => {
    const out = await xrayClient(server).send(new GetServiceGraphCommand({ StartTime: new Date(1_499_473_000_000), EndTime: new Date(1_499_474_000_000) }));
    const services = out.Services ?? [];
    expect(services.map(label).sort()).toEqual(
      [
        "DynamoDB|AWS::DynamoDB::Table",
        "SNS|AWS::SNS",
        "Scorekeep|AWS::ElasticBeanstalk::Environment",
        "random-name|AWS::Lambda",
        "random-name|AWS::Lambda::Function",
      ].sort(),
    );
    expect(edgesOf(services)).toEqual(
      [
        "Scorekeep|AWS::ElasticBeanstalk::Environment -> random-name|AWS::Lambda",
        "Scorekeep|AWS::ElasticBeanstalk::Environment -> DynamoDB|AWS::DynamoDB::Table",
        "random-name|AWS::Lambda -> random-name|AWS::Lambda::Function",
        "random-name|AWS::Lambda::Function -> SNS|AWS::SNS",
      ].sort(),
    );
    const scorekeep = services.find((s) => s.Name === "Scorekeep");
    expect(scorekeep?.Root).toBe(true);
    expect(scorekeep?.SummaryStatistics).toEqual({
      OkCount: 1,
      ErrorStatistics: { ThrottleCount: 0, OtherCount: 0, TotalCount: 0 },
      FaultStatistics: { OtherCount: 0, TotalCount: 0 },
      TotalCount: 1,
      TotalResponseTime: 3.232,
    });
    expect(scorekeep?.ResponseTimeHistogram).toEqual([{ Value: 3.232, Count: 1 }]);
    // The edge is timed by Scorekeep's DynamoDB subsegment (the client side of the call).
    const toDynamo = scorekeep?.Edges?.find((e) => services.find((s) => s.ReferenceId === e.ReferenceId)?.Name === "DynamoDB");
    expect(toDynamo?.SummaryStatistics?.TotalResponseTime).toBe(0.079);
    expect(services.find((s) => s.Name === "DynamoDB")?.Root).toBe(false);
  });

  it("counts errors, throttles and faults per service", async () => {
    const T = 1_730_000_000;
    for (const status of [200, 200, 404, 429, 500]) server.putSegments(syntheticTrace({ startSeconds: T, service: "shop", status }).documents);
    const out = await xrayClient(server).send(new GetServiceGraphCommand({ StartTime: new Date(T * 1000), EndTime: new Date((T + 5) * 1000) }));
    const shop = out.Services?.find((s) => s.Name === "shop");
    expect(shop?.SummaryStatistics).toMatchObject({
      OkCount: 2,
      ErrorStatistics: { ThrottleCount: 1, OtherCount: 1, TotalCount: 2 },
      FaultStatistics: { OtherCount: 1, TotalCount: 1 },
      TotalCount: 5,
    });
    expect(shop?.ResponseTimeHistogram).toEqual([{ Value: 0.1, Count: 5 }]);
    expect(out.Services?.some((s) => s.Name === "Scorekeep")).toBe(false);
  });
});

describe("GetTraceGraph", () => {
  it("is the graph of the named traces only", async () => {
    const out = await xrayClient(server).send(new GetTraceGraphCommand({ TraceIds: [DYNAMODB_TRACE_ID] }));
    expect((out.Services ?? []).map(label).sort()).toEqual(["DynamoDB|AWS::DynamoDB::Table", "Scorekeep|AWS::ElasticBeanstalk::Environment"]);
    const both = await xrayClient(server).send(new GetTraceGraphCommand({ TraceIds: [DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID] }));
    expect(both.Services?.find((s) => s.Name === "Scorekeep")?.SummaryStatistics?.TotalCount).toBe(2);
  });
});

describe("GetTimeSeriesServiceStatistics", () => {
  it("buckets one service's requests per period", async () => {
    const T = 1_740_000_000;
    server.putSegments(syntheticTrace({ startSeconds: T + 5, service: "shop" }).documents);
    server.putSegments(syntheticTrace({ startSeconds: T + 10, service: "shop", status: 500 }).documents);
    server.putSegments(syntheticTrace({ startSeconds: T + 70, service: "shop" }).documents);
    server.putSegments(syntheticTrace({ startSeconds: T + 70, service: "other" }).documents);
    const out = await xrayClient(server).send(
      new GetTimeSeriesServiceStatisticsCommand({
        StartTime: new Date(T * 1000),
        EndTime: new Date((T + 120) * 1000),
        EntitySelectorExpression: 'service("shop")',
        Period: 60,
      }),
    );
    const points = out.TimeSeriesServiceStatistics ?? [];
    expect(points.map((p) => p.ServiceSummaryStatistics?.TotalCount)).toEqual([2, 1]);
    expect(points[0]?.ServiceSummaryStatistics?.FaultStatistics?.TotalCount).toBe(1);
    expect(points[0]?.Timestamp).toEqual(new Date(Math.floor((T + 5) / 60) * 60 * 1000));
  });
});
