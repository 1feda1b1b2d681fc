/**
 * The transport: 127.0.0.1 only, SigV4 required (and scoped to the right service), every call
 * recorded, both services on one endpoint, and close() leaves nothing running.
 */
import { CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { BatchGetTracesCommand, GetTraceSummariesCommand, XRayClient, XRayServiceException } from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, fixtureSegments, logsClient, xrayClient } from "./sdk-clients";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
});
afterEach(async () => {
  await server.close();
});

/** Rewrites the signed request's Authorization header just before it is sent. */
function tamperAuthorization(client: XRayClient | CloudWatchLogsClient, rewrite: (value: string) => string | null): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request: unknown = args.request;
      if (typeof request === "object" && request !== null && "headers" in request) {
        const headers = request.headers as Record<string, string>;
        const value = rewrite(headers.authorization ?? "");
        if (value === null) delete headers.authorization;
        else headers.authorization = value;
      }
      return next(args);
    },
    { step: "deserialize", name: "tamperAuthorization" },
  );
}

describe("transport", () => {
  it("listens on 127.0.0.1 and serves X-Ray and CloudWatch Logs on the same endpoint", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
    server.putLogEvents("/app", "s", [{ timestamp: 1, message: "m" }]);
    const traces = await xrayClient(server).send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID] }));
    const groups = await logsClient(server).send(new DescribeLogGroupsCommand({}));
    expect(traces.Traces).toHaveLength(1);
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual(["/app"]);
  });

  it("is reached through AWS_ENDPOINT_URL by clients built from the environment alone", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDFROMENV",
      AWS_SECRET_ACCESS_KEY: "secret-from-env",
    });
    try {
      await new XRayClient({}).send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(1000) }));
      await new CloudWatchLogsClient({}).send(new DescribeLogGroupsCommand({}));
    } finally {
      for (const key of ["AWS_ENDPOINT_URL", "AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
    expect(server.calls.map((c) => c.op)).toEqual(["GetTraceSummaries", "DescribeLogGroups"]);
  });

  it("records every call with its operation, input and time", async () => {
    const before = Date.now();
    await xrayClient(server).send(new GetTraceSummariesCommand({ StartTime: new Date(1_000_000), EndTime: new Date(2_000_500), FilterExpression: "fault" }));
    await logsClient(server).send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/aws/lambda/" }));
    expect(server.calls.map((c) => c.op)).toEqual(["GetTraceSummaries", "DescribeLogGroups"]);
    // REST-JSON timestamps travel as epoch seconds.
    expect(server.calls[0].input).toEqual({ StartTime: 1000, EndTime: 2000.5, FilterExpression: "fault" });
    expect(server.calls[1].input).toEqual({ logGroupNamePrefix: "/aws/lambda/" });
    expect(server.calls[0].at).toBeGreaterThanOrEqual(before);
  });

  it("requires a SigV4 Authorization header", async () => {
    const client = xrayClient(server);
    tamperAuthorization(client, () => null);
    const error = await client.send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XRayServiceException);
    expect((error as Error).name).toBe("MissingAuthenticationTokenException");
    expect(server.calls).toHaveLength(1);
  });

  it("requires the signature to be scoped to the service it reaches", async () => {
    const client = logsClient(server);
    tamperAuthorization(client, (value) => value.replace("/logs/aws4_request", "/xray/aws4_request"));
    const error = await client.send(new DescribeLogGroupsCommand({})).catch((e: unknown) => e);
    expect((error as Error).name).toBe("InvalidSignatureException");
    expect((error as Error).message).toContain("'logs'");
  });

  it("close() ends pending slow answers and every socket at once", async () => {
    server.inject("*", { kind: "slow", ms: 20_000 });
    const pending = xrayClient(server)
      .send(new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID] }))
      .then(
        () => "answered",
        () => "failed",
      );
    await new Promise((r) => setTimeout(r, 100));
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await pending).toBe("failed");
    server = await startAwsTestServer();
  });
});
