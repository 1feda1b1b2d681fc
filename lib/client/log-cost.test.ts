import { describe, expect, it } from "vitest";
import { DOLLARS_PER_GB, formatDollars, formatMegabytes, formatScanCost, scanCostDollars } from "./log-cost";

const MB = 2 ** 20;
const GB = 2 ** 30;

describe("scanCostDollars", () => {
  it("charges $0.005 per GB scanned", () => {
    expect(DOLLARS_PER_GB).toBe(0.005);
    expect(scanCostDollars(GB)).toBeCloseTo(0.005, 12);
    expect(scanCostDollars(200 * GB)).toBeCloseTo(1, 12);
    expect(scanCostDollars(100 * MB)).toBeCloseTo(0.00048828125, 12);
  });

  it("is zero for no, negative or non-finite sizes", () => {
    expect(scanCostDollars(0)).toBe(0);
    expect(scanCostDollars(-5)).toBe(0);
    expect(scanCostDollars(Number.NaN)).toBe(0);
  });
});

describe("formatMegabytes", () => {
  it.each([
    [0, "0 MB"],
    [0.42 * MB, "0.42 MB"],
    [12.34 * MB, "12.3 MB"],
    [1234.4 * MB, "1,234 MB"],
  ])("%s bytes → %s", (bytes, text) => expect(formatMegabytes(bytes)).toBe(text));
});

describe("formatDollars", () => {
  it.each([
    [0, "$0"],
    [0.00048828125, "$0.00049"],
    [0.0005, "$0.0005"],
    [0.05, "$0.05"],
    [1.254, "$1.25"],
    [1e-9, "<$0.000001"],
  ])("%s → %s", (dollars, text) => expect(formatDollars(dollars)).toBe(text));
});

describe("formatScanCost", () => {
  it("names the size and the estimate", () => {
    expect(formatScanCost(100 * MB)).toBe("scanned 100 MB · ~$0.00049");
    expect(formatScanCost(40 * GB)).toBe("scanned 40,960 MB · ~$0.20");
  });
});

describe("configured price", () => {
  it("prices the scan at the server's LOGS_PRICE_PER_GB when it sends one", () => {
    expect(scanCostDollars(2 ** 30, 0.0076)).toBeCloseTo(0.0076, 10);
    expect(formatScanCost(10 * 2 ** 30, 0.0076)).toBe("scanned 10,240 MB · ~$0.08");
  });
});
