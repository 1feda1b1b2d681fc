/**
 * Test helpers for Logs Insights through the SDK: start a query and poll it to its end; the trace
 * whose lines the query tests look for.
 */
import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryCommand,
  type StartQueryCommandInput,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach } from "vitest";
import { queryWindow } from "../../lib/sources/aws/logs-query";
import { type ParsedTraceId, parseTraceId } from "../../lib/trace-id";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { logsClient } from "./sdk-clients";

/** A trace ID in any form the app takes, parsed (a test's own input: throws if it is not one). */
export function traceIdOf(input: string): ParsedTraceId {
  const r = parseTraceId(input);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

/** The trace the query tests look for: its ID in X-Ray and W3C form, parsed, and its window. */
export const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
export const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
/** The epoch second inside the ID, in ms. */
export const T0 = 0x5f3a3e12 * 1000;
export const ID = traceIdOf(XRAY);
/** The window Sightline queries before the trace is known (queryWindow of the ID alone). */
export const WINDOW = queryWindow(ID);

const TERMINAL = new Set(["Complete", "Failed", "Timeout", "Cancelled"]);

export async function pollQuery(client: CloudWatchLogsClient, queryId: string, intervalMs = 20): Promise<GetQueryResultsCommandOutput[]> {
  const seen: GetQueryResultsCommandOutput[] = [];
  for (let i = 0; i < 1000; i += 1) {
    const out = await client.send(new GetQueryResultsCommand({ queryId }));
    seen.push(out);
    if (TERMINAL.has(out.status ?? "")) return seen;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`query ${queryId} did not end`);
}

export interface QueryAnswer {
  /** The final answer's rows as field → value maps. */
  rows: Record<string, string>[];
  final: GetQueryResultsCommandOutput;
}

/** StartQuery with `input` (over WINDOW unless it names another), polled to its end. */
export async function runQuery(
  client: CloudWatchLogsClient,
  input: Omit<StartQueryCommandInput, "startTime" | "endTime"> & Partial<StartQueryCommandInput>,
): Promise<QueryAnswer> {
  const { queryId } = await client.send(new StartQueryCommand({ ...WINDOW, ...input }));
  if (!queryId) throw new Error("StartQuery returned no queryId");
  const seen = await pollQuery(client, queryId);
  const final = seen[seen.length - 1];
  return { rows: rowsOf(final), final };
}

/** Runs a query over named groups to its end. */
export function runInsights(
  client: CloudWatchLogsClient,
  queryString: string,
  logGroupNames: string[],
  window: { startTime: number; endTime: number },
  limit?: number,
): Promise<QueryAnswer> {
  return runQuery(client, { logGroupNames, queryString, ...window, ...(limit ? { limit } : {}) });
}

export function rowsOf(out: GetQueryResultsCommandOutput): Record<string, string>[] {
  return (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field ?? "", f.value ?? ""])));
}

export interface LogsTestServer {
  readonly server: AwsTestServer;
  /** A Logs client of the real SDK pointed at `server`. */
  readonly client: CloudWatchLogsClient;
}

/**
 * A fresh AWS test server and Logs client for each test of the calling file (beforeEach), seeded
 * by `seed`; the client destroyed and the server closed after it (afterEach).
 */
export function logsServerPerTest(seed: (server: AwsTestServer) => void): LogsTestServer {
  let current: { server: AwsTestServer; client: CloudWatchLogsClient } | null = null;
  beforeEach(async () => {
    const server = await startAwsTestServer();
    current = { server, client: logsClient(server) };
    seed(server);
  });
  afterEach(async () => {
    const done = current;
    current = null;
    done?.client.destroy();
    await done?.server.close();
  });
  const now = () => {
    if (!current) throw new Error("logsServerPerTest: only inside a test");
    return current;
  };
  return {
    get server() {
      return now().server;
    },
    get client() {
      return now().client;
    },
  };
}
