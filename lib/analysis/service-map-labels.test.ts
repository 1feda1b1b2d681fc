import { describe, expect, it } from "vitest";
import { edgeLabelText, edgeSummary, nodeStatsText, nodeSummary, textWidth, truncateToWidth } from "./service-map-labels";

const stats = { requests: 12, errors: 0, faults: 0, throttles: 0, avgMs: 40.4, p99Ms: 90 };

describe("textWidth", () => {
  it("grows with the text and the font size", () => {
    expect(textWidth("", 11)).toBe(0);
    expect(textWidth("orders-service", 11)).toBeGreaterThan(textWidth("orders", 11));
    expect(textWidth("orders", 22)).toBeCloseTo(textWidth("orders", 11) * 2);
  });
  it("counts wide letters wider than narrow ones", () => {
    expect(textWidth("mmmm", 10)).toBeGreaterThan(textWidth("iiii", 10));
  });
});

describe("truncateToWidth", () => {
  it("keeps text that fits", () => {
    expect(truncateToWidth("orders", 100, 11)).toBe("orders");
  });
  it("cuts long names with an ellipsis, within the width", () => {
    const name = "shop@shop-prod.cluster-c9akciq32xyz.eu-west-1.rds.amazonaws.com";
    const cut = truncateToWidth(name, 110, 11);
    expect(cut.endsWith("…")).toBe(true);
    expect(name.startsWith(cut.slice(0, -1))).toBe(true);
    expect(textWidth(cut, 11)).toBeLessThanOrEqual(110);
  });
  it("does not leave a separator dangling before the ellipsis", () => {
    const cut = truncateToWidth("shop@shop-prod.cluster-c9akciq32xyz", textWidth("shop@shop-prod.c", 11), 11);
    expect(cut).toBe("shop@shop-prod…");
  });
});

describe("label text", () => {
  it("says how many requests and their average latency", () => {
    expect(nodeStatsText(stats)).toBe("12 req · avg 40 ms");
    expect(edgeLabelText(stats)).toBe("12 × avg 40 ms");
  });
  it("leaves the stats line empty for a node that served nothing (the client)", () => {
    expect(nodeStatsText({ ...stats, requests: 0 })).toBe("");
  });
});

describe("nodeSummary", () => {
  it("spells out the type, the health split and the latency", () => {
    const node = { id: "orders", name: "orders", type: "container" as const, stats: { ...stats, errors: 1, faults: 2 } };
    expect(nodeSummary(node)).toBe("orders (container): 12 requests, 9 OK, 1 4xx, 2 5xx; avg 40 ms, p99 90 ms");
  });
  it("says so when a node served nothing", () => {
    const node = { id: "x", name: "x", type: "service" as const, stats: { ...stats, requests: 0 } };
    expect(nodeSummary(node)).toBe("x (service): no requests");
  });
});

describe("edgeSummary", () => {
  it("names both ends and counts the calls", () => {
    const edge = { source: "checkout-api", target: "orders", stats: { ...stats, requests: 1, throttles: 1, avgMs: 3, p99Ms: 3 } };
    expect(edgeSummary(edge)).toBe("checkout-api → orders: 1 call, 0 OK, 1 429; avg 3.00 ms, p99 3.00 ms");
  });
});
