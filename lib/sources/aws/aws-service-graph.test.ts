import { afterEach, describe, expect, it } from "vitest";
import { SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { histogramPercentileMs, serviceGraphFromXRay, serviceStats } from "./aws-service-graph";
import { type Harness, startHarness } from "./aws-test-setup";

describe("histogramPercentileMs", () => {
  it("is the nearest-rank percentile of a histogram of seconds, in milliseconds", () => {
    const histogram = [
      { Value: 2, Count: 2 },
      { Value: 0.1, Count: 98 },
    ];
    expect(histogramPercentileMs(histogram, 99)).toBe(2000);
    expect(histogramPercentileMs(histogram, 98)).toBe(100);
    expect(histogramPercentileMs([], 99)).toBe(0);
    expect(histogramPercentileMs([{ Value: 1, Count: 0 }, { Count: 3 }], 99)).toBe(0);
  });
});

describe("serviceStats", () => {
  it("reads X-Ray's statistics: throttles apart from the other errors, the average from the total time", () => {
    const stats = serviceStats(
      {
        TotalCount: 10,
        TotalResponseTime: 2.5,
        ErrorStatistics: { ThrottleCount: 1, OtherCount: 2 },
        FaultStatistics: { TotalCount: 3 },
      },
      [{ Value: 0.25, Count: 10 }],
    );
    expect(stats).toEqual({ requests: 10, errors: 2, faults: 3, throttles: 1, avgMs: 250, p99Ms: 250 });
    expect(serviceStats(undefined, undefined)).toEqual({ requests: 0, errors: 0, faults: 0, throttles: 0, avgMs: 0, p99Ms: 0 });
  });
});

describe("serviceGraphFromXRay", () => {
  it("names X-Ray's client node `client` and types nodes from their X-Ray type", () => {
    const graph = serviceGraphFromXRay([
      { ReferenceId: 0, Name: "shop.example.com", Type: "client", Edges: [{ ReferenceId: 1 }] },
      { ReferenceId: 1, Name: "shop.example.com", Type: "AWS::EC2::Instance", Edges: [{ ReferenceId: 2 }, { ReferenceId: 3 }, { ReferenceId: 9 }] },
      { ReferenceId: 2, Name: "api.stripe.com", Type: "remote" },
      { ReferenceId: 3, Name: "orders", Type: "AWS::DynamoDB::Table" },
    ]);
    expect(graph.nodes.map((n) => [n.id, n.type])).toEqual([
      ["api.stripe.com", "external"],
      ["client", "client"],
      ["orders", "database"],
      ["shop.example.com", "compute"],
    ]);
    // The edge to an unknown ReferenceId is left out.
    expect(graph.edges.map((e) => `${e.source} → ${e.target}`)).toEqual([
      "client → shop.example.com",
      "shop.example.com → api.stripe.com",
      "shop.example.com → orders",
    ]);
  });
});

describe("getServiceGraph over the wire", () => {
  let harness: Harness | null = null;
  afterEach(async () => {
    await harness?.close();
    harness = null;
  });

  it("converts GetServiceGraph: one node per X-Ray service, ids unique, stats from the statistics", async () => {
    harness = await startHarness();
    harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
    const start = 1499473411.562 * 1000;
    const graph = await harness.source.getServiceGraph({ from: start - 60_000, to: start + 60_000 });
    expect(graph.nodes.map((n) => [n.id, n.name, n.type])).toEqual([
      ["DynamoDB", "DynamoDB", "database"],
      ["random-name (AWS::Lambda::Function)", "random-name", "lambda"],
      ["random-name (AWS::Lambda)", "random-name", "lambda"],
      ["Scorekeep", "Scorekeep", "compute"],
      ["SNS", "SNS", "topic"],
    ]);
    const scorekeep = graph.nodes.find((n) => n.id === "Scorekeep");
    expect(scorekeep?.stats).toEqual({ requests: 1, errors: 0, faults: 0, throttles: 0, avgMs: 3232, p99Ms: 3232 });
    const ids = new Set(graph.nodes.map((n) => n.id));
    expect(graph.edges.length).toBeGreaterThan(0);
    expect(graph.edges.every((e) => ids.has(e.source) && ids.has(e.target))).toBe(true);
    expect(graph.edges.map((e) => `${e.source} → ${e.target}`)).toContain("Scorekeep → random-name (AWS::Lambda)");
    // Identical concurrent requests share one call.
    await Promise.all([1, 2, 3].map(() => harness?.source.getServiceGraph({ from: start - 1, to: start + 1 })));
    expect(harness.server.calls.filter((c) => c.op === "GetServiceGraph")).toHaveLength(2);
  });

  it("tries a read still throttled after the SDK's retries again, whole, a bounded number of times", async () => {
    harness = await startHarness({ tuning: { throttleBackoff: { baseMs: 5, maxMs: 10, retries: 2 } } });
    harness.server.inject("GetServiceGraph", { kind: "throttle", count: 2 });
    await harness.source.getServiceGraph({ from: 1_000_000, to: 2_000_000 });
    harness.server.inject("GetServiceGraph", { kind: "throttle" });
    const error = await harness.source.getServiceGraph({ from: 3_000_000, to: 4_000_000 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503, code: "aws_throttled" });
    expect(harness.server.calls.filter((c) => c.op === "GetServiceGraph")).toHaveLength(3 + 3);
  });
});
