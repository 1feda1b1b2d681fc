/**
 * A real exporter from the OpenTelemetry JS SDK (the demo generator: per-service TracerProvider and
 * LoggerProvider with the OTLP/HTTP protobuf exporters) pointed at the app is accepted, and what it
 * sent comes back through the API — including Lambda log lines correlated only through their body.
 */
import { expect, test } from "@playwright/test";
import { generateIncident } from "../scripts/demo/generate";

test("the OpenTelemetry JS SDK's OTLP exporters are accepted and their data reads back", async ({ request, baseURL }) => {
  const now = Date.now();
  const sent = await generateIncident({ baseUrl: baseURL!, now, traces: 60, seed: 7 });
  expect(sent.traces).toBe(60);
  expect(sent.spans).toBeGreaterThan(300);

  const listed = await (await request.get(`/api/traces?from=${now - 3_700_000}&to=${now + 60_000}&service=checkout-api&limit=1000`)).json();
  const listedIds = new Set(listed.traces.map((t: { traceId: string }) => t.traceId));
  for (const id of sent.traceIds) expect(listedIds.has(id), id).toBe(true);

  // A trace through the whole system: gateway → authorizer and orders → database.
  let sawLambdaBodyCorrelation = false;
  let spansRead = 0;
  for (const id of sent.traceIds) {
    const { trace } = await (await request.get(`/api/traces/${id}`)).json();
    spansRead += trace.spans.length;
    expect(trace.xrayTraceId.slice(2, 10)).toBe(id.slice(0, 8));
    // X-Ray-compatible IDs: the first 8 hex digits are the epoch second the trace started.
    expect(Math.abs(parseInt(id.slice(0, 8), 16) - Math.floor(trace.startTime / 1000))).toBeLessThanOrEqual(1);
    const { events } = await (await request.get(`/api/traces/${id}/logs`)).json();
    const lambdaLines = events.filter((e: { service: string }) => e.service === "auth-authorizer");
    if (lambdaLines.some((e: { spanId: string | null; traceId: string }) => e.traceId === id && e.spanId)) sawLambdaBodyCorrelation = true;
  }
  expect(spansRead).toBe(sent.spans);
  expect(sawLambdaBodyCorrelation).toBe(true);

  const graph = await (await request.get(`/api/service-graph?from=${now - 3_700_000}&to=${now + 60_000}`)).json();
  const names = graph.nodes.map((n: { name: string }) => n.name);
  for (const service of ["checkout-api", "auth-authorizer", "orders-service", "order-worker"]) expect(names).toContain(service);
  expect(graph.nodes.find((n: { name: string }) => n.name === "auth-authorizer").type).toBe("lambda");
  expect(graph.nodes.find((n: { name: string }) => n.name === "orders-service").type).toBe("container");
  expect(graph.nodes.some((n: { type: string }) => n.type === "database")).toBe(true);
  expect(graph.nodes.some((n: { type: string }) => n.type === "queue")).toBe(true);
});

test("Lambda REPORT lines land on their invocation spans: memory on the row, the figures in the details", async ({ page, baseURL }) => {
  const now = Date.now();
  const sent = await generateIncident({ baseUrl: baseURL!, now, traces: 5, seed: 11 });
  await page.goto(`/trace/${sent.traceIds[0]}`);
  const memory = page.getByTestId("lambda-memory").first();
  await expect(memory).toBeVisible();
  await expect(memory).toHaveText(/^\d+\/\d+ MB$/);
  await page.locator('[data-testid="span-row"]', { has: memory }).first().click();
  await expect(page.getByTestId("lambda-report")).toContainText("Billed duration");
});
