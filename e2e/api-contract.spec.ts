/** The public HTTP contract: shapes, filters, and a 400 that names every bad parameter. */
import { expect, test } from "@playwright/test";
import { randomHex, tracesRequest, xrayStyleTraceId, type TestSpan } from "./support/otlp-json";

const now = Date.now();
const slowTrace = xrayStyleTraceId(now - 60_000);
const fastTrace = xrayStyleTraceId(now - 30_000);

function threeTierTrace(traceId: string, startMs: number, durationMs: number, httpStatus: number): TestSpan[] {
  const root = randomHex(8);
  const call = randomHex(8);
  return [
    {
      traceId,
      spanId: root,
      service: "edge-api",
      name: "GET /orders",
      kind: 2,
      startMs,
      endMs: startMs + durationMs,
      attributes: { "http.response.status_code": httpStatus },
    },
    { traceId, spanId: call, parentSpanId: root, service: "edge-api", name: "call billing", kind: 3, startMs: startMs + 1, endMs: startMs + durationMs - 1 },
    {
      traceId,
      spanId: randomHex(8),
      parentSpanId: call,
      service: "billing",
      name: "charge",
      kind: 2,
      startMs: startMs + 2,
      endMs: startMs + durationMs - 2,
      attributes: { "http.response.status_code": httpStatus },
    },
  ];
}

test.beforeAll(async ({ request }) => {
  const spans = [...threeTierTrace(slowTrace, now - 60_000, 2500, 503), ...threeTierTrace(fastTrace, now - 30_000, 40, 200)];
  const res = await request.post("/v1/traces", { data: tracesRequest(spans) });
  expect(res.status()).toBe(200);
});

test("health names the source", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok", source: "local" });
});

test("trace search filters by service, minimum duration and status", async ({ request }) => {
  const window = `from=${now - 120_000}&to=${now + 1000}`;
  const all = (await (await request.get(`/api/traces?${window}&service=billing`)).json()).traces;
  expect(all.map((t: { traceId: string }) => t.traceId).sort()).toEqual([slowTrace, fastTrace].sort());
  const slow = (await (await request.get(`/api/traces?${window}&minDurationMs=1000`)).json()).traces;
  expect(slow).toHaveLength(1);
  expect(slow[0]).toMatchObject({ traceId: slowTrace, rootService: "edge-api", rootName: "GET /orders", status: "fault", spanCount: 3, durationMs: 2500 });
  const faults = (await (await request.get(`/api/traces?${window}&status=fault&service=edge-api`)).json()).traces;
  expect(faults.map((t: { traceId: string }) => t.traceId)).toEqual([slowTrace]);
  const one = (await (await request.get(`/api/traces?${window}&service=billing&limit=1`)).json()).traces;
  expect(one).toHaveLength(1);
});

test("the service graph of the window has the two services, the client, and their edges", async ({ request }) => {
  const graph = await (await request.get(`/api/service-graph?from=${now - 120_000}&to=${now + 1000}`)).json();
  const billing = graph.nodes.find((n: { name: string }) => n.name === "billing");
  expect(billing.stats).toMatchObject({ requests: 2, faults: 1 });
  // The local store reads p99 from its rollup's histogram: within ±1 % of the exact 2,496 ms.
  expect(Math.abs(billing.stats.p99Ms - 2496)).toBeLessThanOrEqual(2496 * 0.01);
  const edge = graph.edges.find((e: { source: string; target: string }) => e.source === "edge-api" && e.target === "billing");
  expect(edge.stats.requests).toBe(2);
  expect(graph.edges.some((e: { source: string }) => e.source === "client")).toBe(true);
});

test("unknown trace is a 404, malformed ID a 400 that names the accepted forms", async ({ request }) => {
  const unknown = await request.get(`/api/traces/${randomHex(16)}`);
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.code).toBe("trace_not_found");
  for (const bad of ["xyz", "1-5f3a3e12-123", "00000000000000000000000000000000", "Root%3D1-abc"]) {
    const res = await request.get(`/api/traces/${bad}`);
    expect(res.status(), bad).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe("invalid_trace_id");
    expect(body.error.message).toContain("X-Ray ID");
    const logs = await request.get(`/api/traces/${bad}/logs`);
    expect(logs.status(), `${bad}/logs`).toBe(400);
  }
});

test("every bad parameter is a 400 naming it", async ({ request }) => {
  const cases: [string, string][] = [
    [`/api/traces?from=${now}&to=${now - 1000}`, "to"],
    [`/api/traces?to=${now}`, "from"],
    ["/api/traces?from=0&to=99999999999999", "to"],
    ["/api/traces?limit=-5", "limit"],
    ["/api/traces?limit=abc", "limit"],
    ["/api/traces?status=sideways", "status"],
    ["/api/traces?minDurationMs=-1", "minDurationMs"],
    ["/api/traces?from=tomorrow&to=1", "from"],
    [`/api/service-graph?from=${now}&to=${now - 1}`, "to"],
    ["/api/service-graph?to=5", "from"],
    ['/api/traces?filter=service("x")', "filter"],
  ];
  for (const [url, param] of cases) {
    const res = await request.get(url);
    expect(res.status(), url).toBe(400);
    const body = await res.json();
    expect(body.error.code, url).toBe(`invalid_${param}`);
    expect(body.error.message.startsWith(`${param}:`), body.error.message).toBe(true);
  }
});
