import { describe, expect, it } from "vitest";
import { bandOf, isAboveP99, MIN_BAND_COUNT, operationId, operationKeys, percentilesOf } from "./operation-percentiles";
import { span } from "./test-spans";

describe("operation percentiles", () => {
  it("lists each operation once, by service and name", () => {
    const keys = operationKeys([
      span({ spanId: "a", service: "api", name: "GET /" }),
      span({ spanId: "b", service: "db", name: "SELECT" }),
      span({ spanId: "c", service: "db", name: "SELECT" }),
      span({ spanId: "d", service: "cache", name: "SELECT" }),
    ]);
    expect(keys).toEqual([
      { service: "api", name: "GET /" },
      { service: "db", name: "SELECT" },
      { service: "cache", name: "SELECT" },
    ]);
  });

  it("takes nearest-rank p50 and p99", () => {
    const durations = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentilesOf({ service: "db", name: "SELECT" }, durations)).toEqual({ service: "db", name: "SELECT", count: 200, p50Ms: 100, p99Ms: 198 });
    expect(percentilesOf({ service: "db", name: "SELECT" }, [])).toMatchObject({ count: 0, p50Ms: 0, p99Ms: 0 });
  });

  it("marks a span above its operation's p99 only when the band has enough spans", () => {
    const band = percentilesOf(
      { service: "db", name: "SELECT" },
      Array.from({ length: 100 }, (_, i) => i + 1),
    );
    const bands = new Map([[operationId(band), band]]);
    expect(isAboveP99(span({ spanId: "s", service: "db", name: "SELECT", durationMs: 100 }), bands)).toBe(true);
    expect(isAboveP99(span({ spanId: "s", service: "db", name: "SELECT", durationMs: 99 }), bands)).toBe(false);
    expect(isAboveP99(span({ spanId: "s", service: "db", name: "UPDATE", durationMs: 1e6 }), bands)).toBe(false);
    const thin = percentilesOf(
      { service: "db", name: "SELECT" },
      Array.from({ length: MIN_BAND_COUNT - 1 }, () => 1),
    );
    const thinBands = new Map([[operationId(thin), thin]]);
    expect(bandOf(span({ spanId: "s", service: "db", name: "SELECT" }), thinBands)).toBeNull();
    expect(isAboveP99(span({ spanId: "s", service: "db", name: "SELECT", durationMs: 1e6 }), thinBands)).toBe(false);
  });
});
