/**
 * Sightline reports on itself (issue 12), as deployed (`node server.js`): METRICS_PORT serves
 * /metrics without the login the main port asks for, and with OTEL_EXPORTER_OTLP_ENDPOINT set to
 * its own address it traces its own requests into its own store, where its trace page opens them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { SELF_REPORT_METRICS_PORT, SELF_REPORT_PORT } from "./support/ports";
import { startStandalone, type StandaloneServer } from "./support/standalone-server";

const USER = "sre";
const PASSWORD = "correct horse battery";
const auth = { authorization: `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString("base64")}` };
let server: StandaloneServer;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "sightline-self-report-"));
  server = await startStandalone(SELF_REPORT_PORT, {
    DATA_DIR: dataDir,
    AUTH_MODE: "basic",
    AUTH_BASIC_USER: USER,
    AUTH_BASIC_PASSWORD: PASSWORD,
    INGEST_TOKEN: "self-report-token",
    METRICS_PORT: String(SELF_REPORT_METRICS_PORT),
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${SELF_REPORT_PORT}`,
    OTEL_EXPORTER_OTLP_HEADERS: "authorization=Bearer self-report-token",
    OTEL_SERVICE_NAME: "sightline-self",
    OTEL_BSP_SCHEDULE_DELAY: "200",
  });
});

test.afterAll(async () => {
  server?.process.kill("SIGTERM");
  await server?.exited;
  rmSync(dataDir, { recursive: true, force: true });
});

test("METRICS_PORT serves /metrics without the login; the main port's /metrics keeps it", async () => {
  expect(server.output()).toContain("self-tracing=sightline-self");
  expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  const main = await fetch(`${server.url}/metrics`, { headers: auth });
  expect(main.status).toBe(200);
  expect(await main.text()).toContain("sightline_http_requests_total");
  // The main port's answer is counted once it has been sent to the end.
  await expect
    .poll(async () => {
      const res = await fetch(`http://127.0.0.1:${SELF_REPORT_METRICS_PORT}/metrics`);
      expect(res.status).toBe(200);
      return /^sightline_http_requests_total\{route="\/metrics",method="GET",status="200"\} [1-9]/m.test(await res.text());
    })
    .toBe(true);
  expect((await fetch(`http://127.0.0.1:${SELF_REPORT_METRICS_PORT}/api/traces`)).status).toBe(404);
});

test("its own requests, traced into its own store, open on its own trace page", async ({ page }) => {
  expect((await fetch(`${server.url}/api/traces?service=checkout`, { headers: auth })).status).toBe(200);
  // The export is batched (OTEL_BSP_SCHEDULE_DELAY): poll the store for Sightline's own service.
  let traceId = "";
  await expect
    .poll(
      async () => {
        // Next.js' request span carries the route it served as `http.route`.
        const query = new URLSearchParams({ service: "sightline-self", attr: "http.route=/api/traces" });
        const body = (await (await fetch(`${server.url}/api/traces?${query}`, { headers: auth })).json()) as { traces: { traceId: string }[] };
        traceId = body.traces[0]?.traceId ?? "";
        return traceId;
      },
      { timeout: 20_000 },
    )
    .not.toBe("");
  const { trace } = (await (await fetch(`${server.url}/api/traces/${traceId}`, { headers: auth })).json()) as {
    trace: { services: string[]; spans: { name: string }[] };
  };
  expect(trace.services).toContain("sightline-self");
  expect(trace.spans.some((s) => s.name === "GET /api/traces")).toBe(true);
  // Ingest is never traced: exporting to itself would otherwise trace its own exports.
  const ingest = new URLSearchParams({ service: "sightline-self", attr: "http.target=/v1/traces" });
  const traced = (await (await fetch(`${server.url}/api/traces?${ingest}`, { headers: auth })).json()) as { traces: unknown[] };
  expect(traced.traces).toEqual([]);

  await page.setExtraHTTPHeaders(auth);
  await page.goto(`${server.url}/trace/${traceId}`);
  await expect(page.getByTestId("span-row").first()).toBeVisible();
  await expect(page.getByTestId("trace-header")).toContainText("sightline-self");
});
