/**
 * For the wire tests: an AWS test server, the real SDK clients pointed at it (fake static
 * credentials, no SDK retries unless asked), and an AwsSource with short timings.
 */
import { parseTraceId, type ParsedTraceId } from "../../trace-id";
import { type AwsTestServer, startAwsTestServer } from "../../../test/aws-server";
import { type AwsClientSettings, type AwsClients, createAwsClients } from "./aws-clients";
import { parseLogGroupsSetting } from "./aws-config";
import { AwsSource, type AwsSourceOptions, type AwsTuning } from "./aws-source";
import { DEFAULT_QUERY_MARGINS } from "./logs-query";

export const FAST_TUNING: AwsTuning = {
  pollIntervalMs: 10,
  maxPollIntervalMs: 20,
  abandonAfterMs: 5_000,
  startQueryBackoff: { baseMs: 20, maxMs: 100, retries: 30 },
  unprocessedBackoff: { baseMs: 10, maxMs: 50, retries: 3 },
  throttleBackoff: { baseMs: 10, maxMs: 20, retries: 0 },
  retrieval: { pollIntervalMs: 10, timeoutMs: 3_000, beforeMs: 5 * 60_000, afterMs: 60 * 60_000, destinationTtlMs: 60_000 },
  spans: {
    beforeMs: 5 * 60_000,
    afterMs: 60 * 60_000,
    lookbackMs: 24 * 3_600_000,
    timeoutMs: 3_000,
    pollIntervalMs: 10,
    maxPollIntervalMs: 20,
    maxPages: 100,
    deadlineMs: 60_000,
  },
  prefetchAllowanceMs: 60_000,
  logGroupsTtlMs: 60_000,
};

function testClients(server: AwsTestServer, settings: Partial<AwsClientSettings> = {}): AwsClients {
  return createAwsClients({
    connectionTimeoutMs: 1_000,
    requestTimeoutMs: 5_000,
    callTimeoutMs: 10_000,
    maxAttempts: 1,
    retryMode: "standard",
    region: "us-east-1",
    endpoint: server.url,
    credentials: { accessKeyId: "AKIDTESTSERVER", secretAccessKey: "test-secret" },
    // No client-side rate limit unless a test asks for one (the polls of FAST_TUNING are far above it).
    rateLimits: null,
    ...settings,
  });
}

export interface Harness {
  server: AwsTestServer;
  clients: AwsClients;
  source: AwsSource;
  /** The server's recorded calls of one operation. */
  calls(op: string): AwsTestServer["calls"];
  close(): Promise<void>;
}

export interface HarnessOptions {
  logGroups?: string;
  maxGroupsPerQuery?: number;
  tuning?: Partial<AwsTuning>;
  clients?: Partial<AwsClientSettings>;
  source?: Partial<AwsSourceOptions>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const server = await startAwsTestServer();
  const clients = testClients(server, options.clients);
  const source = new AwsSource({
    ...clients,
    logGroups: parseLogGroupsSetting(options.logGroups),
    maxGroupsPerQuery: options.maxGroupsPerQuery ?? 50,
    marginsMs: DEFAULT_QUERY_MARGINS,
    summaryPageCap: 10,
    pricePerGb: 0.005,
    tuning: { ...FAST_TUNING, ...options.tuning },
    ...options.source,
  });
  return {
    server,
    clients,
    source,
    calls: (op) => server.calls.filter((c) => c.op === op),
    async close() {
      await source.close();
      clients.xray.destroy();
      clients.logs.destroy();
      await server.close();
    },
  };
}

export function id(value: string): ParsedTraceId {
  const parsed = parseTraceId(value);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.id;
}

/** Calls `probe` until it returns a value `done` accepts, within `timeoutMs`. */
export async function until<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`until: not done after ${timeoutMs} ms (last: ${JSON.stringify(value).slice(0, 300)})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The JSON body of a recorded call, as an object. */
export function inputOf(call: { input: unknown }): Record<string, unknown> {
  const input = call.input;
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw new Error("the call has no JSON object input");
  return Object.fromEntries(Object.entries(input));
}
