import { describe, expect, it } from "vitest";
import { createRandom } from "./random";
import { XRayIdGenerator, toXRayTraceId } from "./xray-id-generator";

describe("XRayIdGenerator", () => {
  it("starts each trace ID with the epoch second of the simulated trace start, not the wall clock", () => {
    let start = Date.UTC(2025, 5, 1, 11, 23, 45, 678);
    const ids = new XRayIdGenerator(createRandom(1), () => start);
    const first = ids.generateTraceId();
    expect(first).toMatch(/^[0-9a-f]{32}$/);
    expect(parseInt(first.slice(0, 8), 16)).toBe(Math.floor(start / 1000));
    start += 90_000;
    expect(parseInt(ids.generateTraceId().slice(0, 8), 16)).toBe(Math.floor(start / 1000));
  });

  it("makes 16-hex-digit span IDs, the same sequence for the same seed", () => {
    const a = new XRayIdGenerator(createRandom(42), () => 0);
    const b = new XRayIdGenerator(createRandom(42), () => 0);
    const spanIds = Array.from({ length: 50 }, () => a.generateSpanId());
    for (const id of spanIds) expect(id).toMatch(/^(?!0{16})[0-9a-f]{16}$/);
    expect(new Set(spanIds).size).toBe(50);
    expect(Array.from({ length: 50 }, () => b.generateSpanId())).toEqual(spanIds);
  });

  it("prints the X-Ray form of a trace ID", () => {
    expect(toXRayTraceId("5f3a3e1289b4a5c6d7e8f90123456789")).toBe("1-5f3a3e12-89b4a5c6d7e8f90123456789");
  });
});
