import { describe, expect, it } from "vitest";
import { renderReliabilityMarkdown, sumTallies } from "./markdown";
import type { SavedReport } from "./report";

const report = (suite: string, ok: boolean, tally: SavedReport["tally"]): SavedReport => ({
  ranAt: "2026-11-21T10:00:00.000Z",
  commit: "abc1234",
  suite,
  title: `Suite ${suite}`,
  durationMs: 1500,
  checks: [{ name: `${suite} held`, ok, detail: ok ? undefined : "first failure\nsecond line" }],
  figures: [{ label: "p99 | latency", value: "12 ms" }],
  tally,
});

describe("RELIABILITY.md", () => {
  it("adds the suites' tallies, counting a missing tally as zero", () => {
    const t = sumTallies([
      report("a", true, { requestsTried: 10_000, rejectedCorrectly: 9_000 }),
      report("b", true, { requestsTried: 5, dataLost: 0 }),
      report("c", true, undefined),
    ]);
    expect(t).toEqual({
      requestsTried: 10_005,
      rejectedCorrectly: 9_000,
      faultsInjected: 0,
      faultsSurvived: 0,
      loadServed: 0,
      requestsUnderLoad: 0,
      dataLost: 0,
    });
  });

  it("shows every suite with its figures (escaped for tables) and failed checks with their first detail line", () => {
    const md = renderReliabilityMarkdown([report("fuzz", true, { requestsTried: 12_345 }), report("faults", false, { faultsInjected: 3, faultsSurvived: 2 })], {
      command: "npm run test:reliability",
      machine: "2 cores",
    });
    expect(md).toContain("| Requests tried (hostile input) | 12,345 |");
    expect(md).toContain("| Upstream faults injected / survived | 3 / 2 |");
    expect(md).toContain("| Checks held / failed | 1 / 1 |");
    expect(md).toContain("## Suite fuzz");
    expect(md).toContain("| p99 \\| latency | 12 ms |");
    expect(md).toContain("- ❌ faults held — first failure");
    expect(md).not.toContain("second line");
    expect(md).toContain("(2 cores)");
    expect(md).toContain("Ran 2026-11-21 10:00 UTC at abc1234, in 1.5 s.");
  });
});
