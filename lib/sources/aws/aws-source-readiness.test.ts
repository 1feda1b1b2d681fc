/** AwsSource.readiness over the wire: AWS reachable with the configured credentials, checked at most once per interval. */
import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./aws-test-setup";

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

const readinessCalls = (h: Harness) => h.calls("GetTraceSegmentDestination").length + h.calls("DescribeLogGroups").length;

describe("AwsSource.readiness", () => {
  it("is ready when X-Ray and CloudWatch Logs answer; ten probes cost one call to each", async () => {
    harness = await startHarness();
    const h = harness;
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.source.readiness()));
    for (const r of answers) {
      expect(r).toEqual({
        ok: true,
        checks: {
          aws: {
            services: [
              { service: "xray", reachable: true },
              { service: "logs", reachable: true },
            ],
          },
        },
        checkedAt: expect.any(Number),
      });
    }
    expect(readinessCalls(h)).toBe(2);
  });

  it("is not ready when X-Ray fails, and says which service did", async () => {
    harness = await startHarness();
    harness.server.inject("GetTraceSegmentDestination", { kind: "serverError", count: 10 });
    const r = await harness.source.readiness();
    expect(r.ok).toBe(false);
    expect(r.checks.aws).toEqual({
      services: [
        { service: "xray", reachable: false, code: expect.any(String) },
        { service: "logs", reachable: true },
      ],
    });
  });
});
