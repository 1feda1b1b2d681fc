/**
 * Over the wire: an account whose quota is 5 calls a second per operation (the AWS test server
 * throttles beyond it, as AWS does). Many concurrent pages asking for different service graphs
 * get throttling errors without Sightline's per-operation bucket, and only slower answers with it.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { TimeWindow } from "../../model";
import { type Harness, startHarness } from "./aws-test-setup";
import { DEFAULT_API_TPS, OperationRateLimits } from "./rate-limit";

let harness: Harness | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

const QUOTA_TPS = 5;
const PAGES = 10;
const HOUR = 3_600_000;
/** Different windows: each page's graph is a call of its own (no coalescing, no cache). */
const windows: TimeWindow[] = Array.from({ length: PAGES }, (_, i) => ({ from: 1_700_000_000_000 + i * HOUR, to: 1_700_000_000_000 + (i + 1) * HOUR }));

async function openPages(rateLimits: OperationRateLimits | null) {
  harness = await startHarness({ clients: { rateLimits } });
  harness.server.configure({ rateLimits: { GetServiceGraph: QUOTA_TPS } });
  const outcomes = await Promise.allSettled(windows.map((w) => harness!.source.getServiceGraph(w)));
  const throttledAtServer = harness.calls("GetServiceGraph").filter((c) => c.fault === "rateLimited").length;
  return { outcomes, throttledAtServer };
}

describe("the per-operation rate limit (AWS_API_TPS)", () => {
  it("without it, concurrent pages beyond the quota fail with throttling errors", async () => {
    const { outcomes, throttledAtServer } = await openPages(null);
    const failed = outcomes.filter((o) => o.status === "rejected");
    expect(throttledAtServer).toBeGreaterThanOrEqual(PAGES - QUOTA_TPS);
    expect(failed.length).toBeGreaterThan(0);
    expect(String((failed[0] as PromiseRejectedResult).reason?.code)).toBe("aws_throttled");
  });

  it("with it, every page gets its graph, later, and AWS throttles none", async () => {
    // Half the quota: a loaded test machine may deliver requests bunched, as a network may.
    const rate = QUOTA_TPS / 2;
    const { outcomes, throttledAtServer } = await openPages(new OperationRateLimits(rate));
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    expect(throttledAtServer).toBe(0);
    const arrivals = harness!.calls("GetServiceGraph").map((c) => c.at);
    expect(arrivals).toHaveLength(PAGES);
    // Spaced by the bucket: within the quota in any second, as the server received them.
    for (const t of arrivals) expect(arrivals.filter((u) => u >= t && u - t < 1000).length).toBeLessThanOrEqual(QUOTA_TPS);
  });

  it("limits each operation apart: a queue of graphs does not hold a trace search back", async () => {
    const limits = new OperationRateLimits(DEFAULT_API_TPS);
    harness = await startHarness({ clients: { rateLimits: limits } });
    const graphs = Promise.all(windows.map((w) => harness!.source.getServiceGraph(w)));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(limits.bucket("xray", "GetServiceGraph").waiting).toBeGreaterThan(PAGES / 2);
    await harness.source.findTraces({ ...windows[0], limit: 20 });
    // The trace search went by while most graphs still wait their turn.
    expect(limits.bucket("xray", "GetServiceGraph").waiting).toBeGreaterThan(0);
    await graphs;
  });
});
