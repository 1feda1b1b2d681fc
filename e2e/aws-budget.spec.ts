/**
 * The AWS bill (issue 15): with a tiny LOGS_SCAN_BUDGET_GB_PER_DAY, the first trace's logs are
 * searched and use the budget up; the next trace still renders, its logs panel says the budget is
 * spent and shows the Logs Insights query to run by hand, and no further StartQuery is sent. The
 * status page shows what was scanned and refused. Its own aws-mode app, against the shared AWS
 * test server.
 */
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { awsTestEnv } from "./support/aws-env";
import { buildKnownTrace } from "./support/known-trace";
import { AWS_CONTROL_PORT, BUDGET_APP_PORT } from "./support/ports";
import { seedInAws } from "./support/xray-seed";

test.describe.configure({ mode: "serial" });

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const startQueries = async (hex: string) =>
  ((await (await fetch(`${control}/calls`)).json()) as { op: string; input?: unknown }[]).filter(
    (c) => c.op === "StartQuery" && JSON.stringify(c.input ?? "").includes(hex),
  ).length;

let server: AppServer | undefined;

test.beforeAll(async () => {
  const dataDir = `test-results/budget-data-${BUDGET_APP_PORT}`;
  rmSync(dataDir, { recursive: true, force: true });
  server = await startAppServer(
    BUDGET_APP_PORT,
    // A thousandth of a byte: the first search's first scanned byte uses it up.
    awsTestEnv(dataDir, { LOGS_SCAN_BUDGET_GB_PER_DAY: "0.000000000001" }),
  );
});

test.afterAll(async () => {
  if (server) {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
});

test("past the scan budget the logs panel says so and offers the query; the trace renders; no StartQuery is sent", async ({ page }) => {
  const first = buildKnownTrace();
  await seedInAws(first.spans, first.logs);
  await page.goto(`${server!.url}/trace/${first.traceId}`);
  await expect(page.getByTestId("log-row")).toHaveCount(first.logs.length);
  expect(await startQueries(first.traceId)).toBeGreaterThanOrEqual(1);

  const second = buildKnownTrace();
  await seedInAws(second.spans, second.logs);
  await page.goto(`${server!.url}/trace/${second.traceId}`);
  // Seven rows, as in aws-faults.spec.ts: X-Ray folds the client spans into their callers' subsegments.
  await expect(page.getByTestId("span-row")).toHaveCount(7);
  await expect(page.getByTestId("log-refused")).toContainText("scan budget is used up");
  await expect(page.getByTestId("log-refused-query")).toContainText(second.traceId);
  await expect(page.getByTestId("log-failure")).toHaveCount(0);
  // Reloads and the API ask again: still refused, still nothing sent upstream.
  const api = await page.request.get(`${server!.url}/api/traces/${second.traceId}/logs`);
  expect(await api.json()).toMatchObject({ status: "failed", refused: { reason: "budget", query: expect.stringContaining(second.traceId) } });
  expect(await startQueries(second.traceId)).toBe(0);

  await page.goto(`${server!.url}/status`);
  await expect(page.getByTestId("budget-refused")).not.toHaveText("0");
  await expect(page.getByTestId("budget-scanned")).toContainText(/\([1-9]\d* bytes\)/);
});
