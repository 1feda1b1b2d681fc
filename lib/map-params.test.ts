import { describe, expect, it } from "vitest";
import { mapHref, mapUrl, mapWindowBounds, parseMapParams } from "./map-params";

describe("parseMapParams", () => {
  it("defaults to the last hour, nothing selected", () => {
    expect(parseMapParams({})).toEqual({ ok: true, state: { window: { kind: "relative", range: "1h" }, service: null, edge: null } });
  });

  it("reads a range, an absolute window, a service and an edge", () => {
    expect(parseMapParams({ range: "6h", service: "api" })).toEqual({
      ok: true,
      state: { window: { kind: "relative", range: "6h" }, service: "api", edge: null },
    });
    const abs = parseMapParams({ from: String(Date.UTC(2026, 10, 20, 12)), to: "2026-11-21T00:00:00Z", caller: "a", callee: "b" });
    expect(abs).toEqual({
      ok: true,
      state: { window: { kind: "absolute", from: Date.UTC(2026, 10, 20, 12), to: Date.UTC(2026, 10, 21) }, service: null, edge: { source: "a", target: "b" } },
    });
  });

  it("names what is wrong", () => {
    const problems = (raw: Record<string, string>) => {
      const r = parseMapParams(raw);
      return r.ok ? [] : r.problems;
    };
    expect(problems({ range: "2d" })).toEqual(['range "2d" is not one of 15m, 1h, 6h, 24h.']);
    expect(problems({ from: "x", to: "5" })).toEqual(['from "x" is not a time: give epoch milliseconds or an ISO-8601 time.']);
    expect(problems({ from: "5" })).toEqual(["from and to go together: give both, or a range (15m, 1h, 6h, 24h)."]);
    expect(problems({ from: "2026-11-21T02:00:00Z", to: "2026-11-21T01:00:00Z" })).toEqual(["to must be after from: the window is inverted or empty."]);
    expect(problems({ from: "2026-11-19T00:00:00Z", to: "2026-11-21T00:00:00Z" })).toEqual(["the window is 48 h long; at most 24 h."]);
  });
});

describe("mapWindowBounds / mapHref", () => {
  it("resolves a relative window against now and writes the state back", () => {
    expect(mapWindowBounds({ kind: "relative", range: "15m" }, 1_000_000)).toEqual({ from: 100_000, to: 1_000_000 });
    expect(mapHref({ window: { kind: "relative", range: "15m" }, service: "api", edge: null })).toBe("/map?range=15m&service=api");
    expect(mapHref({ window: { kind: "absolute", from: 1, to: 2 }, service: null, edge: { source: "a", target: "b" } })).toBe(
      "/map?from=1&to=2&caller=a&callee=b",
    );
  });

  it("rejects times a Date cannot hold (found by the fuzz suite)", () => {
    const r = parseMapParams({ from: "9000000000000000", to: "9000000003600000" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatch(/^from "9000000000000000" is not a time/);
  });
});

describe("mapUrl", () => {
  it("round-trips the state, and shows the default map for a link that does not parse", () => {
    const state = { window: { kind: "absolute" as const, from: 1, to: 2 }, service: "api", edge: { source: "a", target: "b" } };
    expect(mapUrl.parse(mapUrl.serialize(state))).toEqual(state);
    // Repeated parameters: the first counts, as on the server page.
    expect(mapUrl.parse(new URLSearchParams("range=6h&range=15m")).window).toEqual({ kind: "relative", range: "6h" });
    expect(mapUrl.parse(new URLSearchParams("range=2d"))).toEqual({ window: { kind: "relative", range: "1h" }, service: null, edge: null });
  });
});
