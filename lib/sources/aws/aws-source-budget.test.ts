/**
 * The scan budget and per-user search rate inside AwsSource (issue 15), over the wire against the
 * AWS test server: a finished search's bytes count; past the budget a new search is refused with
 * its query and nothing is sent; cached results stay free; refusals are never cached.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LogsResult } from "../../model";
import { DYNAMODB_TRACE_ID, LAMBDA_TRACE_ID, SCOREKEEP_DYNAMODB, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { type Harness, id, startHarness, until } from "./aws-test-setup";
import { traceLogsQuery } from "./logs-query";
import { ScanBudget } from "./scan-budget";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const A = id(LAMBDA_TRACE_ID);
const B = id(DYNAMODB_TRACE_ID);
const at = (seconds: number) => Math.round(seconds * 1000);

async function start(budget: ScanBudget): Promise<Harness> {
  harness = await startHarness({ logGroups: "/app/scorekeep", source: { scanBudget: budget } });
  harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  harness.server.putSegments(fixtureSegments(SCOREKEEP_DYNAMODB));
  harness.server.putLogEvents("/app/scorekeep", "web-1", [
    { timestamp: at(1499473411.662), message: JSON.stringify({ traceId: LAMBDA_TRACE_ID, message: "creating user" }) },
    { timestamp: at(1568835610.532), message: JSON.stringify({ xrayTraceId: DYNAMODB_TRACE_ID, message: "slow table" }) },
  ]);
  // The Lambda trace names its function's log group: it must exist for a complete search.
  harness.server.putLogEvents("/aws/lambda/random-name", "2017/07/08/[$LATEST]0123", [
    { timestamp: at(1499473412.762), message: "START RequestId: 7a1c Version: $LATEST" },
  ]);
  return harness;
}

const settled = (r: LogsResult) => r.status !== "running";

describe("AwsSource with a scan budget", () => {
  it("counts a finished search's bytes; past the budget refuses new searches with their query, sends nothing, keeps cached ones free", async () => {
    const budget = new ScanBudget({ bytesPerDay: 1, searchesPerUserPerMinute: 100, pricePerGb: 0.005 });
    const h = await start(budget);
    const first = await until(() => h.source.getTraceLogs(A, { requester: "user:sre" }), settled);
    expect(first.status, first.message).toBe("complete");
    expect(budget.stats(Date.now()).bytesScannedToday).toBe(first.stats?.bytesScanned);
    const startsBefore = h.calls("StartQuery").length;

    const refused = await h.source.getTraceLogs(B, { requester: "user:sre" });
    expect(refused).toMatchObject({ status: "failed", events: [], refused: { reason: "budget", query: traceLogsQuery(B), logGroups: ["/app/scorekeep"] } });
    expect(refused.message).toContain("LOGS_SCAN_BUDGET_GB_PER_DAY");
    // Reading the trace would start its search: on nobody's behalf, or the user's, the budget refuses it too.
    await h.source.getTrace(B);
    await h.source.getTrace(B, { requester: "user:sre" });
    expect(h.calls("StartQuery").length).toBe(startsBefore);

    // The cached answer of A costs nothing and is not refused.
    expect((await h.source.getTraceLogs(A, { requester: "user:sre" })).status).toBe("complete");
    // A refusal is not cached: with room again, B's search starts.
    budget.settings = { ...budget.settings, bytesPerDay: 1e12 };
    const later = await until(() => h.source.getTraceLogs(B, { requester: "user:sre" }), settled);
    expect(later.status).toBe("complete");
    expect(h.calls("StartQuery").length).toBeGreaterThan(startsBefore);
  });

  it("limits one user's new searches a minute; another user and a shared running search are unaffected", async () => {
    const budget = new ScanBudget({ bytesPerDay: 1e12, searchesPerUserPerMinute: 1, pricePerGb: 0.005 });
    const h = await start(budget);
    h.server.configure({ queryRunMs: 300 });
    expect((await h.source.getTraceLogs(A, { requester: "address:203.0.113.9" })).status).toBe("running");
    // Joining the running search of A is free, even for the same requester.
    expect((await h.source.getTraceLogs(A, { requester: "address:203.0.113.9" })).status).toBe("running");
    expect(await h.source.getTraceLogs(B, { requester: "address:203.0.113.9" })).toMatchObject({ status: "failed", refused: { reason: "rate" } });
    expect((await h.source.getTraceLogs(B, { requester: "user:sre" })).status).toBe("running");
    expect(budget.stats(Date.now())).toMatchObject({ refusedRate: 1, searchesStartedToday: 2 });
  });
});
