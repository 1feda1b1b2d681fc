/** The readiness calls through the real SDK clients against the wire-level AWS test server. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAwsTestServer, type AwsTestServer } from "../../../test/aws-server";
import { logsClient, xrayClient } from "../../../test/aws-server/sdk-clients";
import { checkAwsReachable } from "./aws-reachability";

let server: AwsTestServer;
beforeAll(async () => {
  server = await startAwsTestServer();
});
afterAll(() => server.close());
beforeEach(() => server.clearFaults());

const clients = () => ({ xray: xrayClient(server), logs: logsClient(server) });

describe("checkAwsReachable", () => {
  it("is ready when X-Ray and CloudWatch Logs answer, with one call to each", async () => {
    const before = server.calls.length;
    const r = await checkAwsReachable(clients(), 2_000);
    expect(r).toEqual({
      ok: true,
      detail: {
        services: [
          { service: "xray", reachable: true },
          { service: "logs", reachable: true },
        ],
      },
    });
    expect(
      server.calls
        .slice(before)
        .map((c) => c.op)
        .sort(),
    ).toEqual(["DescribeLogGroups", "GetTraceSegmentDestination"]);
  });

  it("counts AccessDenied as reachable: AWS accepted the credentials", async () => {
    server.inject("DescribeLogGroups", { kind: "accessDenied", action: "logs:DescribeLogGroups" });
    const r = await checkAwsReachable(clients(), 2_000);
    expect(r.ok).toBe(true);
    expect(r.detail.services[1]).toEqual({ service: "logs", reachable: true, code: "aws_access_denied" });
  });

  it("is not ready on an AWS server error", async () => {
    server.inject("GetTraceSegmentDestination", { kind: "serverError", status: 500, count: 5 });
    const r = await checkAwsReachable(clients(), 2_000);
    expect(r.ok).toBe(false);
    expect(r.detail.services[0]).toMatchObject({ service: "xray", reachable: false });
  });

  it("is not ready when AWS does not answer within the timeout", async () => {
    server.inject("*", { kind: "slow", ms: 3_000 });
    const started = Date.now();
    const r = await checkAwsReachable(clients(), 300);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(r.ok).toBe(false);
    expect(r.detail.services.map((s) => s.code)).toEqual(["aws_unreachable", "aws_unreachable"]);
  });

  it("is not ready without credentials the SDK can find", async () => {
    const noCredentials = {
      endpoint: server.url,
      region: "us-east-1",
      maxAttempts: 1,
      credentials: () => Promise.reject(Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" })),
    };
    const { XRayClient } = await import("@aws-sdk/client-xray");
    const { CloudWatchLogsClient } = await import("@aws-sdk/client-cloudwatch-logs");
    const r = await checkAwsReachable({ xray: new XRayClient(noCredentials), logs: new CloudWatchLogsClient(noCredentials) }, 2_000);
    expect(r.ok).toBe(false);
    expect(r.detail.services.map((s) => s.code)).toEqual(["aws_credentials", "aws_credentials"]);
  });
});
