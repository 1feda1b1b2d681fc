/** aws mode: /metrics counts the AWS calls a trace page made, call for call with what the (test) AWS received. */
import { expect, test } from "@playwright/test";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { AWS_CONTROL_PORT } from "./support/ports";
import { seedInAws } from "./support/xray-seed";

let known: KnownTrace;

test.beforeAll(async () => {
  known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
});

const OPERATIONS = ["GetTraceSummaries", "BatchGetTraces", "GetServiceGraph", "StartQuery", "GetQueryResults", "StopQuery", "DescribeLogGroups"] as const;

/** sightline_aws_calls_total summed over outcomes, by operation. */
function callsByOperation(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/^sightline_aws_calls_total\{[^}]*operation="(\w+)"[^}]*\} (\S+)$/gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + Number(m[2]));
  return counts;
}

async function received(): Promise<Map<string, number>> {
  const calls = (await (await fetch(`http://127.0.0.1:${AWS_CONTROL_PORT}/calls`)).json()) as { op: string }[];
  const counts = new Map<string, number>();
  for (const c of calls) counts.set(c.op, (counts.get(c.op) ?? 0) + 1);
  return counts;
}

test("a trace page's AWS calls show in /metrics, each one as the AWS side received it", async ({ page, request }) => {
  const scrape = async () => callsByOperation(await (await request.get("/metrics")).text());
  const [metricsBefore, receivedBefore] = [await scrape(), await received()];
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("span-row").first()).toBeVisible();
  await expect(page.getByTestId("log-row").first()).toBeVisible({ timeout: 15_000 });

  // Once the calls in flight have finished, both sides agree operation by operation.
  const difference = async () => {
    const [m, r] = [await scrape(), await received()];
    return OPERATIONS.map((op) => `${op} ${(m.get(op) ?? 0) - (metricsBefore.get(op) ?? 0) - ((r.get(op) ?? 0) - (receivedBefore.get(op) ?? 0))}`);
  };
  await expect.poll(difference, { timeout: 15_000 }).toEqual(OPERATIONS.map((op) => `${op} 0`));
  const m = await scrape();
  expect((m.get("BatchGetTraces") ?? 0) - (metricsBefore.get("BatchGetTraces") ?? 0)).toBeGreaterThanOrEqual(1);
  expect((m.get("StartQuery") ?? 0) - (metricsBefore.get("StartQuery") ?? 0)).toBeGreaterThanOrEqual(1);
});
