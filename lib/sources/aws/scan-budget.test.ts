import { describe, expect, it } from "vitest";
import { parseScanBudgetConfig, ScanBudget } from "./scan-budget";

const GB = 1024 ** 3;
const T0 = Date.parse("2026-12-05T10:00:00Z");

describe("ScanBudget", () => {
  it("refuses new searches once today's bytes reach the budget, and starts again the next UTC day", () => {
    const b = new ScanBudget({ bytesPerDay: 2 * GB, searchesPerUserPerMinute: 100, pricePerGb: 0.005 });
    expect(b.tryStart("sre", T0)).toEqual({ ok: true });
    b.record(1.5 * GB, T0);
    expect(b.tryStart(null, T0 + 1)).toEqual({ ok: true });
    b.record(0.6 * GB, T0 + 2);
    const refused = b.tryStart("sre", T0 + 3);
    expect(refused).toMatchObject({ ok: false, reason: "budget", message: expect.stringContaining("LOGS_SCAN_BUDGET_GB_PER_DAY") });
    expect(b.stats(T0 + 4)).toMatchObject({ day: "2026-12-05", budgetGbPerDay: 2, searchesStartedToday: 2, refusedBudget: 1, refusedRate: 0 });
    expect(b.stats(T0 + 4).gbScannedToday).toBeCloseTo(2.1);
    expect(b.stats(T0 + 4).estimatedUsdToday).toBeCloseTo(2.1 * 0.005);
    expect(b.tryStart("sre", Date.parse("2026-12-06T00:00:01Z"))).toEqual({ ok: true });
  });

  it("limits each user's new searches per minute, not another user's, and not searches made for nobody", () => {
    const b = new ScanBudget({ bytesPerDay: GB, searchesPerUserPerMinute: 3, pricePerGb: 0.005 });
    for (let i = 0; i < 3; i++) expect(b.tryStart("crawler", T0 + i)).toEqual({ ok: true });
    expect(b.tryStart("crawler", T0 + 10)).toMatchObject({ ok: false, reason: "rate", message: expect.stringContaining("try again in 60 s") });
    expect(b.tryStart("sre", T0 + 10)).toEqual({ ok: true });
    expect(b.tryStart(null, T0 + 10)).toEqual({ ok: true });
    expect(b.tryStart("crawler", T0 + 60_001)).toEqual({ ok: true });
    expect(b.stats(T0).refusedRate).toBe(1);
  });

  it("settings: defaults, and a line naming a bad variable", () => {
    expect(parseScanBudgetConfig({}, 0.005)).toEqual({ bytesPerDay: 100 * GB, searchesPerUserPerMinute: 20, pricePerGb: 0.005 });
    expect(parseScanBudgetConfig({ LOGS_SCAN_BUDGET_GB_PER_DAY: "0.5" }, 0.005).bytesPerDay).toBe(0.5 * GB);
    expect(() => parseScanBudgetConfig({ LOGS_SCAN_BUDGET_GB_PER_DAY: "-1" }, 0.005)).toThrow(/LOGS_SCAN_BUDGET_GB_PER_DAY/);
    expect(() => parseScanBudgetConfig({ LOGS_SEARCHES_PER_USER_PER_MINUTE: "2.5" }, 0.005)).toThrow(/LOGS_SEARCHES_PER_USER_PER_MINUTE/);
  });
});
