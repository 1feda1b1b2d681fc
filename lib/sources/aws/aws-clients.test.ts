/**
 * The clients resolve their endpoint from the SDK's standard variables by themselves (no
 * `endpoint` passed), and bound every request in time.
 */
import { DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import { GetServiceGraphCommand, GetTraceSummariesCommand } from "@aws-sdk/client-xray";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "../../../test/aws-server";
import { type AwsClients, CallTimeoutError, clientSettingsFromEnv, createAwsClients, DEFAULT_CLIENT_SETTINGS } from "./aws-clients";
import { metrics } from "../../metrics/metrics";
import { toApiError } from "./aws-errors";

const servers: AwsTestServer[] = [];
const created: AwsClients[] = [];

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const c of created.splice(0)) {
    c.xray.destroy();
    c.logs.destroy();
  }
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function server(): Promise<AwsTestServer> {
  const s = await startAwsTestServer();
  servers.push(s);
  return s;
}

function clients(settings: Partial<typeof DEFAULT_CLIENT_SETTINGS> = {}): AwsClients {
  const c = createAwsClients({ ...DEFAULT_CLIENT_SETTINGS, maxAttempts: 1, ...settings });
  created.push(c);
  return c;
}

const window = { StartTime: new Date(1_700_000_000_000), EndTime: new Date(1_700_000_060_000) };

function stubCredentials(): void {
  vi.stubEnv("AWS_REGION", "us-east-1");
  vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDTESTSERVER");
  vi.stubEnv("AWS_SECRET_ACCESS_KEY", "test-secret");
  vi.stubEnv("AWS_SESSION_TOKEN", "");
  vi.stubEnv("AWS_PROFILE", "");
}

describe("endpoint resolution (SDK 3.1169)", () => {
  it("uses AWS_ENDPOINT_URL for both services, with credentials and region from the environment", async () => {
    const s = await server();
    stubCredentials();
    vi.stubEnv("AWS_ENDPOINT_URL", s.url);
    const c = clients();
    await c.xray.send(new GetTraceSummariesCommand(window));
    await c.logs.send(new DescribeLogGroupsCommand({}));
    expect(s.calls.map((call) => call.op)).toEqual(["GetTraceSummaries", "DescribeLogGroups"]);
  });

  it("prefers AWS_ENDPOINT_URL_XRAY and AWS_ENDPOINT_URL_CLOUDWATCH_LOGS over AWS_ENDPOINT_URL", async () => {
    const [xray, logs, generic] = [await server(), await server(), await server()];
    stubCredentials();
    vi.stubEnv("AWS_ENDPOINT_URL", generic.url);
    vi.stubEnv("AWS_ENDPOINT_URL_XRAY", xray.url);
    vi.stubEnv("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", logs.url);
    const c = clients();
    await c.xray.send(new GetTraceSummariesCommand(window));
    await c.logs.send(new DescribeLogGroupsCommand({}));
    expect(xray.calls.map((call) => call.op)).toEqual(["GetTraceSummaries"]);
    expect(logs.calls.map((call) => call.op)).toEqual(["DescribeLogGroups"]);
    expect(generic.calls).toEqual([]);
  });

  it("lets an explicit endpoint win over the variables", async () => {
    const [explicit, generic] = [await server(), await server()];
    stubCredentials();
    vi.stubEnv("AWS_ENDPOINT_URL", generic.url);
    await clients({ endpoint: explicit.url }).xray.send(new GetTraceSummariesCommand(window));
    expect(explicit.calls).toHaveLength(1);
    expect(generic.calls).toHaveLength(0);
  });
});

describe("bounded requests", () => {
  it("gives up on a request slower than requestTimeoutMs: 504", async () => {
    const s = await server();
    s.configure({ latencyMs: { GetServiceGraph: 2_000 } });
    const c = clients({
      endpoint: s.url,
      region: "us-east-1",
      credentials: { accessKeyId: "AKIDTESTSERVER", secretAccessKey: "test-secret" },
      requestTimeoutMs: 100,
    });
    const started = Date.now();
    const error = await c.xray.send(new GetServiceGraphCommand(window)).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_500);
    const mapped = toApiError(error, "xray:GetServiceGraph");
    expect([mapped.status, mapped.code]).toEqual([504, "aws_unreachable"]);
  });
});

describe("the whole call is bounded (callTimeoutMs), retries included", () => {
  const local = (s: AwsTestServer, settings: Partial<typeof DEFAULT_CLIENT_SETTINGS>) =>
    clients({ endpoint: s.url, region: "us-east-1", credentials: { accessKeyId: "AKIDTESTSERVER", secretAccessKey: "test-secret" }, ...settings });

  it("does not retry a slow answer maxAttempts × requestTimeoutMs long: gives up after callTimeoutMs with a 504 saying so", async () => {
    const s = await server();
    s.inject("GetServiceGraph", { kind: "slow", ms: 3_000 });
    const c = local(s, { maxAttempts: 4, retryMode: "standard", requestTimeoutMs: 200, callTimeoutMs: 300 });
    const started = Date.now();
    const error = await c.xray.send(new GetServiceGraphCommand(window)).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toBeInstanceOf(CallTimeoutError);
    expect(s.calls.length).toBeLessThanOrEqual(2);
    const mapped = toApiError(error, "xray:GetServiceGraph");
    expect([mapped.status, mapped.code]).toEqual([504, "aws_unreachable"]);
    expect(mapped.message).toBe("X-Ray did not answer in time (no answer within 300 ms): try again in a moment.");
  });

  it("still honours the caller's own abortSignal, as an abort (not a timeout)", async () => {
    const s = await server();
    s.inject("DescribeLogGroups", { kind: "slow", ms: 3_000 });
    const c = local(s, { callTimeoutMs: 5_000 });
    const error = await c.logs.send(new DescribeLogGroupsCommand({}), { abortSignal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(CallTimeoutError);
    expect((error as Error).name).toBe("AbortError");
  });

  it("counts every call in /metrics by operation and outcome, and the retries inside it", async () => {
    const count = async (labels: Record<string, string>, metric: "awsCalls" | "awsRetries" = "awsCalls") =>
      (await metrics()[metric].get()).values.find((v) => Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x))?.value ?? 0;
    const ok = await count({ service: "logs", operation: "DescribeLogGroups", outcome: "ok" });
    const throttled = await count({ service: "xray", operation: "GetTraceSummaries", outcome: "throttled" });
    const retries = await count({ service: "xray", operation: "GetTraceSummaries" }, "awsRetries");
    const timeouts = await count({ service: "xray", operation: "GetServiceGraph", outcome: "timeout" });
    const s = await server();
    s.inject("GetTraceSummaries", { kind: "throttle" });
    s.inject("GetServiceGraph", { kind: "slow", ms: 3_000 });
    // The SDK waits a random delay (under a second) before retrying a throttle: the throttled call gets time for
    // its retry, the slow one does not.
    const c = local(s, { maxAttempts: 2, retryMode: "standard", requestTimeoutMs: 2_000, callTimeoutMs: 3_000 });
    const impatient = local(s, { maxAttempts: 2, retryMode: "standard", requestTimeoutMs: 200, callTimeoutMs: 300 });
    await c.logs.send(new DescribeLogGroupsCommand({}));
    await expect(c.xray.send(new GetTraceSummariesCommand(window))).rejects.toThrow();
    await expect(impatient.xray.send(new GetServiceGraphCommand(window))).rejects.toBeInstanceOf(CallTimeoutError);
    expect(await count({ service: "logs", operation: "DescribeLogGroups", outcome: "ok" })).toBe(ok + 1);
    expect(await count({ service: "xray", operation: "GetTraceSummaries", outcome: "throttled" })).toBe(throttled + 1);
    expect(await count({ service: "xray", operation: "GetTraceSummaries" }, "awsRetries")).toBe(retries + 1);
    expect(await count({ service: "xray", operation: "GetServiceGraph", outcome: "timeout" })).toBe(timeouts + 1);
  });

  it("passes answers through unchanged", async () => {
    const s = await server();
    const answer = await local(s, { callTimeoutMs: 5_000 }).logs.send(new DescribeLogGroupsCommand({}));
    expect(answer.logGroups).toEqual([]);
  });
});

describe("clientSettingsFromEnv", () => {
  it("keeps the SDK's own AWS_MAX_ATTEMPTS / AWS_RETRY_MODE when they are set", () => {
    expect(clientSettingsFromEnv({})).toEqual(DEFAULT_CLIENT_SETTINGS);
    const own = clientSettingsFromEnv({ AWS_MAX_ATTEMPTS: "7", AWS_RETRY_MODE: "standard" });
    expect(own.maxAttempts).toBeUndefined();
    expect(own.retryMode).toBeUndefined();
    expect(own.requestTimeoutMs).toBe(DEFAULT_CLIENT_SETTINGS.requestTimeoutMs);
  });
});
