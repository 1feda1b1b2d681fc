/** The public API in aws mode: X-Ray filter expressions pass through; the health names the source. */
import { expect, test } from "@playwright/test";
import { buildKnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

test("health says aws, and an X-Ray filter expression selects traces", async ({ request }) => {
  expect(await (await request.get("/api/health")).json()).toEqual({ status: "ok", source: "aws" });
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  const window = `from=${known.spans[0].startMs - 60_000}&to=${known.spans[0].startMs + 60_000}`;
  const hit = await request.get(`/api/traces?${window}&filter=${encodeURIComponent('service("payment-svc") AND fault')}`);
  expect(hit.status()).toBe(200);
  expect((await hit.json()).traces.map((t: { traceId: string }) => t.traceId)).toContain(known.traceId);
  const miss = await request.get(`/api/traces?${window}&filter=${encodeURIComponent('service("nobody")')}`);
  expect((await miss.json()).traces).toEqual([]);
  const bad = await request.get(`/api/traces?${window}&filter=${encodeURIComponent('service("x")) OR (true')}`);
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("invalid_filter");
});
