/**
 * Transaction Search as the trace store (issue 13): an aws-mode app with TRACE_STORE=spans, on
 * the shared AWS test server, where the known trace exists only as span records in `aws/spans`
 * (X-Ray has no segment of it). The trace page renders as it does from any store: every span a
 * Gantt row, every service a map node, the log lines in the logs panel; the trace list finds it.
 * A trace older than X-Ray's 30 days says where it was read from.
 */
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { awsTestEnv } from "./support/aws-env";
import { buildKnownTrace } from "./support/known-trace";
import { buildLargeTrace } from "./support/large-trace";
import { AWS_CONTROL_PORT, TRANSACTION_SEARCH_APP_PORT } from "./support/ports";
import { seedInTransactionSearch } from "./support/spans-seed";

test.describe.configure({ mode: "serial" });

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const callsFor = async (op: string, hex: string) =>
  ((await (await fetch(`${control}/calls`)).json()) as { op: string; input?: unknown }[]).filter(
    (c) => c.op === op && JSON.stringify(c.input ?? "").includes(hex),
  );

let server: AppServer | undefined;

test.beforeAll(async () => {
  const dataDir = `test-results/transaction-search-data-${TRANSACTION_SEARCH_APP_PORT}`;
  rmSync(dataDir, { recursive: true, force: true });
  server = await startAppServer(TRANSACTION_SEARCH_APP_PORT, awsTestEnv(dataDir, { TRACE_STORE: "spans" }));
});

test.afterAll(async () => {
  if (server) {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
});

const SERVICES = ["edge-api", "auth-svc", "orders-svc", "payment-svc", "audit-svc"];

test("a trace only in aws/spans renders the trace page: Gantt rows, service map nodes, logs panel", async ({ page }) => {
  const known = buildKnownTrace();
  await seedInTransactionSearch(known.spans, known.logs);
  await page.goto(`${server!.url}/trace/${known.traceId}`);

  // Every span of the records is a row (no X-Ray folding of client spans into subsegments).
  await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
  for (const spanId of Object.values(known.ids)) await expect(page.locator(`[data-testid="span-row"][data-span-id="${spanId}"]`)).toHaveCount(1);
  for (const service of SERVICES) await expect(page.locator(`[data-testid="map-node"][data-service="${service}"]`)).toHaveCount(1);
  await expect(page.getByTestId("log-row")).toHaveCount(known.logs.length);
  await expect(page.locator(`[data-testid="log-row"][data-span-id="${known.ids.charge}"]`)).toHaveCount(2);
  await expect(page.getByTestId("trace-past-xray-retention")).toHaveCount(0);

  // Read from aws/spans with a Logs Insights query; X-Ray was never asked for it.
  const spansQueries = (await callsFor("StartQuery", known.traceId)).filter((c) => JSON.stringify(c.input).includes('"logGroupName":"aws/spans"'));
  expect(spansQueries.length).toBeGreaterThanOrEqual(1);
  expect(await callsFor("BatchGetTraces", known.traceId.slice(8))).toHaveLength(0);
});

test("the trace list finds it in aws/spans, with its span count", async ({ page }) => {
  const known = buildKnownTrace();
  await seedInTransactionSearch(known.spans, known.logs);
  const api = await page.request.get(`${server!.url}/api/traces?service=edge-api&minDurationMs=900`);
  expect(api.status()).toBe(200);
  const { traces } = (await api.json()) as { traces: { traceId: string; spanCount: number; status: string; rootName: string }[] };
  expect(traces.find((t) => t.traceId === known.traceId)).toMatchObject({ spanCount: 6, status: "fault", rootName: "POST /checkout" });

  await page.goto(`${server!.url}/traces?service=edge-api`);
  await expect(page.locator(`[data-trace-id="${known.traceId}"]`).first()).toBeVisible();
});

test("a trace past X-Ray's 30 days says it was read from Transaction Search", async ({ page }) => {
  const known = buildKnownTrace(Date.now() - 40 * 86_400_000);
  await seedInTransactionSearch(known.spans, known.logs);
  await page.goto(`${server!.url}/trace/${known.traceId}`);
  await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
  await expect(page.getByTestId("trace-past-xray-retention")).toHaveText("Older than X-Ray's 30 days; read from Transaction Search (aws/spans).");
  const api = await page.request.get(`${server!.url}/api/traces/${known.traceId}`);
  expect(await api.json()).toMatchObject({ trace: { traceId: known.traceId, store: "aws/spans", pastXRayRetention: true } });
});

test("a 25,000-span trace in aws/spans is read whole, by pages of Logs Insights queries", async ({ page }) => {
  test.setTimeout(180_000);
  const big = buildLargeTrace(25_000);
  for (let i = 0; i < big.spans.length; i += 5_000) await seedInTransactionSearch(big.spans.slice(i, i + 5_000), []);
  await page.goto(`${server!.url}/trace/${big.traceId}`);
  await expect(page.getByTestId("trace-header")).toContainText("25,000 spans", { timeout: 90_000 });
  // Over TRACE_WINDOW_FROM_SPANS: the windowed view, its first rows from the server.
  await expect(page.getByTestId("windowed-note")).toContainText("25,000 spans");
  await expect(page.getByTestId("span-row").first()).toBeVisible();
  await expect(page.getByTestId("trace-partial")).toHaveCount(0);
  const spansQueries = (await callsFor("StartQuery", big.traceId)).filter((c) => JSON.stringify(c.input).includes('"logGroupName":"aws/spans"'));
  // 10,000 rows a query: three pages a read, the later two from the previous page's last millisecond.
  const later = spansQueries.filter((c) => JSON.stringify(c.input).includes("toMillis(@timestamp) >= "));
  expect(spansQueries.length).toBeGreaterThanOrEqual(3);
  expect(later).toHaveLength((spansQueries.length / 3) * 2);
});
