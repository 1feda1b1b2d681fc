/**
 * Injected faults surface through the real SDK clients as the exception classes and statuses
 * the SDK produces for real AWS answers.
 */
import {
  AccessDeniedException as LogsAccessDenied,
  CloudWatchLogsServiceException,
  DescribeLogGroupsCommand,
  ResourceNotFoundException as LogsResourceNotFound,
  ServiceUnavailableException,
  StartQueryCommand,
  ThrottlingException,
} from "@aws-sdk/client-cloudwatch-logs";
import { BatchGetTracesCommand, GetTraceSummariesCommand, ThrottledException, XRayServiceException } from "@aws-sdk/client-xray";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { beforeDeserializing } from "../../lib/sources/aws/raw-answer-step";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, fixtureSegments, logsClient, xrayClient } from "./sdk-clients";

let server: AwsTestServer;
beforeEach(async () => {
  server = await startAwsTestServer();
  server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  server.putLogEvents("/aws/lambda/random-name", "s1", [{ timestamp: 1_499_473_412_000, message: "hello" }]);
});
afterEach(async () => {
  await server.close();
});

const batchGet = () => new BatchGetTracesCommand({ TraceIds: [LAMBDA_TRACE_ID] });
const startQuery = () =>
  new StartQueryCommand({ logGroupNames: ["/aws/lambda/random-name"], startTime: 1_499_473_000, endTime: 1_499_474_000, queryString: "fields @message" });

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

function status(error: unknown): number | undefined {
  return error instanceof XRayServiceException || error instanceof CloudWatchLogsServiceException ? error.$metadata.httpStatusCode : undefined;
}

describe("throttle", () => {
  it("is X-Ray's ThrottledException (429) and Logs' ThrottlingException (400)", async () => {
    server.inject("*", { kind: "throttle" });
    const x = await failure(xrayClient(server).send(batchGet()));
    expect(x).toBeInstanceOf(ThrottledException);
    expect(status(x)).toBe(429);
    const l = await failure(logsClient(server).send(startQuery()));
    expect(l).toBeInstanceOf(ThrottlingException);
    expect(status(l)).toBe(400);
  });

  it("is retried by the SDK: 2 throttles then success is 3 calls", async () => {
    server.inject("BatchGetTraces", { kind: "throttle", count: 2 });
    const out = await xrayClient(server, { maxAttempts: 3 }).send(batchGet());
    expect(out.Traces?.[0]?.Id).toBe(LAMBDA_TRACE_ID);
    expect(server.calls.filter((c) => c.op === "BatchGetTraces")).toHaveLength(3);
  });

  it("lets `after` calls of the operation through first, then throttles `count`", async () => {
    server.inject("BatchGetTraces", { kind: "throttle", count: 1, after: 2 });
    const client = xrayClient(server);
    await expect(client.send(batchGet())).resolves.toBeDefined();
    await expect(client.send(batchGet())).resolves.toBeDefined();
    await expect(client.send(batchGet())).rejects.toBeInstanceOf(ThrottledException);
    await expect(client.send(batchGet())).resolves.toBeDefined();
    expect(() => server.inject("BatchGetTraces", { kind: "throttle", after: -1 })).toThrow(RangeError);
  });

  it("with probability 0 never fires, and applies only to the named operation", async () => {
    server.inject("BatchGetTraces", { kind: "throttle", probability: 0 });
    server.inject("GetTraceSummaries", { kind: "throttle" });
    await expect(xrayClient(server).send(batchGet())).resolves.toBeDefined();
    await expect(xrayClient(server).send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date() }))).rejects.toBeInstanceOf(
      ThrottledException,
    );
  });
});

describe("accessDenied", () => {
  it("names the IAM action, as AWS does", async () => {
    server.inject("BatchGetTraces", { kind: "accessDenied" });
    const x = await failure(xrayClient(server).send(batchGet()));
    expect(x).toBeInstanceOf(XRayServiceException);
    expect((x as XRayServiceException).name).toBe("AccessDeniedException");
    expect((x as XRayServiceException).message).toMatch(/^User: arn:aws:sts::\d{12}:assumed-role\/.+ is not authorized to perform: xray:BatchGetTraces\b/);
    expect(status(x)).toBe(403);

    server.inject("StartQuery", { kind: "accessDenied" });
    const l = await failure(logsClient(server).send(startQuery()));
    expect(l).toBeInstanceOf(LogsAccessDenied);
    expect((l as LogsAccessDenied).message).toContain("is not authorized to perform: logs:StartQuery");
  });

  it("can name another action", async () => {
    server.inject("DescribeLogGroups", {
      kind: "accessDenied",
      action: "logs:DescribeLogGroups on resource: arn:aws:logs:us-east-1:123456789012:log-group::*",
    });
    const l = await failure(logsClient(server).send(new DescribeLogGroupsCommand({})));
    expect((l as Error).message).toContain("logs:DescribeLogGroups on resource");
  });
});

describe("serverError", () => {
  it("is a 500 server fault (X-Ray InternalFailure, Logs ServiceUnavailableException) for count calls", async () => {
    server.inject("*", { kind: "serverError", count: 2 });
    const x = await failure(xrayClient(server).send(batchGet()));
    expect(status(x)).toBe(500);
    expect((x as XRayServiceException).$fault).toBe("server");
    expect((x as Error).name).toBe("InternalFailure");
    const l = await failure(logsClient(server).send(startQuery()));
    expect(l).toBeInstanceOf(ServiceUnavailableException);
    expect(status(l)).toBe(500);
    // The burst is over.
    await expect(xrayClient(server).send(batchGet())).resolves.toBeDefined();
  });

  it("503 bursts are retried by the SDK", async () => {
    server.inject("BatchGetTraces", { kind: "serverError", count: 2, status: 503 });
    const first = await failure(xrayClient(server).send(batchGet()));
    expect(status(first)).toBe(503);
    server.clearFaults();
    server.inject("BatchGetTraces", { kind: "serverError", count: 2, status: 503 });
    const before = server.calls.length;
    await expect(xrayClient(server, { maxAttempts: 3 }).send(batchGet())).resolves.toBeDefined();
    expect(server.calls.length - before).toBe(3);
  });
});

describe("reset", () => {
  it("drops the connection: the SDK reports a network error, not a service exception", async () => {
    server.inject("BatchGetTraces", { kind: "reset" });
    const x = await failure(xrayClient(server).send(batchGet()));
    expect(x).not.toBeInstanceOf(XRayServiceException);
    expect(x).toBeInstanceOf(Error);
    expect(`${(x as NodeJS.ErrnoException).code ?? ""} ${(x as Error).message}`).toMatch(/ECONNRESET|socket hang up/);
    await expect(xrayClient(server).send(batchGet())).resolves.toBeDefined();
  });
});

describe("slow", () => {
  it("answers after ms: a client request timeout fires first", async () => {
    server.inject("BatchGetTraces", { kind: "slow", ms: 1500 });
    const started = Date.now();
    const x = await failure(xrayClient(server, { requestTimeoutMs: 200 }).send(batchGet()));
    expect((x as Error).name).toBe("TimeoutError");
    expect(Date.now() - started).toBeLessThan(1400);
  });

  it("answers after ms when the client waits", async () => {
    server.inject("GetTraceSummaries", { kind: "slow", ms: 300 });
    const started = Date.now();
    await xrayClient(server).send(new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date() }));
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });
});

describe("resourceNotFound", () => {
  it("is Logs' ResourceNotFoundException", async () => {
    server.inject("StartQuery", { kind: "resourceNotFound" });
    await expect(logsClient(server).send(startQuery())).rejects.toBeInstanceOf(LogsResourceNotFound);
  });
});

describe("configure latencyMs and clearFaults", () => {
  it("delays one operation and leaves the others alone", async () => {
    server.configure({ latencyMs: { BatchGetTraces: 250 } });
    let started = Date.now();
    await xrayClient(server).send(batchGet());
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
    started = Date.now();
    await logsClient(server).send(new DescribeLogGroupsCommand({}));
    expect(Date.now() - started).toBeLessThan(200);
  });

  it("clearFaults removes every fault", async () => {
    server.inject("*", { kind: "throttle" });
    server.clearFaults();
    await expect(xrayClient(server).send(batchGet())).resolves.toBeDefined();
  });
});

describe("cutAnswer and trickle", () => {
  /** The raw answer to BatchGetTraces (through the SDK, which signs it): its status, the body bytes that arrived, and how it ended. */
  async function rawAnswer(): Promise<{ status: number; length: number; bytes: number; ended: "end" | "error" }> {
    const command = batchGet();
    let seen: { status: number; length: number; bytes: number; ended: "end" | "error" } | null = null;
    beforeDeserializing(command, "rawAnswer", async (response) => {
      let bytes = 0;
      let ended: "end" | "error" = "end";
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) bytes += chunk.length;
      } catch {
        ended = "error";
      }
      seen = { status: response.statusCode ?? 0, length: Number(response.headers?.["content-length"]), bytes, ended };
      response.body = Buffer.from("{}");
    });
    await xrayClient(server).send(command);
    return seen!;
  }

  it("cutAnswer sends the status, headers and the first afterBytes bytes, then breaks the connection off; once", async () => {
    server.inject("BatchGetTraces", { kind: "cutAnswer", afterBytes: 100 });
    const cut = await rawAnswer();
    expect(cut).toMatchObject({ status: 200, bytes: 100, ended: "error" });
    expect(cut.length).toBeGreaterThan(1000);
    const next = await rawAnswer();
    expect(next).toMatchObject({ status: 200, bytes: next.length, ended: "end" });
    expect(server.calls.map((c) => c.fault ?? "ok")).toEqual(["cutAnswer", "ok"]);
  });

  it("trickle sends the whole answer", async () => {
    server.inject("BatchGetTraces", { kind: "trickle", bytesPerSecond: 1000 });
    const paced = await rawAnswer();
    expect(paced).toMatchObject({ status: 200, bytes: paced.length, ended: "end" });
    expect(server.calls.map((c) => c.fault)).toEqual(["trickle"]);
    expect(() => server.inject("*", { kind: "trickle", bytesPerSecond: 0 })).toThrow(RangeError);
  });
});
