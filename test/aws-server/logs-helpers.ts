/**
 * Test helpers for Logs Insights through the SDK: start a query and poll it to its end.
 */
import { type CloudWatchLogsClient, GetQueryResultsCommand, type GetQueryResultsCommandOutput, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";

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

/** Runs a query to its end; returns the final answer's rows as field → value maps. */
export async function runInsights(
  client: CloudWatchLogsClient,
  queryString: string,
  logGroupNames: string[],
  window: { startTime: number; endTime: number },
  limit?: number,
): Promise<{ rows: Record<string, string>[]; final: GetQueryResultsCommandOutput }> {
  const { queryId } = await client.send(new StartQueryCommand({ logGroupNames, queryString, ...window, ...(limit ? { limit } : {}) }));
  if (!queryId) throw new Error("StartQuery returned no queryId");
  const seen = await pollQuery(client, queryId);
  const final = seen[seen.length - 1];
  return { rows: rowsOf(final), final };
}

export function rowsOf(out: GetQueryResultsCommandOutput): Record<string, string>[] {
  return (out.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field ?? "", f.value ?? ""])));
}
