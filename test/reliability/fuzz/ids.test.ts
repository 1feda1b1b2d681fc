import { describe, expect, it } from "vitest";
import { isSnapshotId } from "@/lib/snapshots/snapshot-id";
import { isSpanId, parseTraceId } from "@/lib/trace-id";
import { malformedSnapshotId, malformedSpanId, malformedTraceId, oddValidTraceId, randomTraceHex, unknownSnapshotId } from "./ids";
import { createRng } from "./prng";

const rng = createRng(20_240_601);
const many = <T>(n: number, f: () => T) => Array.from({ length: n }, f);

describe("trace-ID generators", () => {
  it("malformedTraceId never yields an ID the app accepts", () => {
    for (const raw of many(3_000, () => malformedTraceId(rng))) expect(parseTraceId(raw).ok, JSON.stringify(raw)).toBe(false);
  });

  it("oddValidTraceId always parses to its canonical hex", () => {
    for (const { raw, hex } of many(3_000, () => oddValidTraceId(rng))) {
      const r = parseTraceId(raw);
      expect(r.ok && r.id.hex, JSON.stringify(raw)).toBe(hex);
    }
  });

  it("randomTraceHex is 32 lowercase hex digits starting with a recent epoch second", () => {
    const now = 1_700_000_000;
    const h = randomTraceHex(rng, now);
    expect(h).toMatch(/^[0-9a-f]{32}$/);
    expect(now - parseInt(h.slice(0, 8), 16)).toBeLessThanOrEqual(3_600);
  });
});

describe("span and snapshot ID generators", () => {
  it("malformedSpanId is never a span ID", () => {
    for (const s of many(1_000, () => malformedSpanId(rng))) expect(isSpanId(s)).toBe(false);
  });

  it("malformedSnapshotId is never a snapshot ID; unknownSnapshotId always is", () => {
    for (const s of many(1_000, () => malformedSnapshotId(rng))) expect(isSnapshotId(s), s).toBe(false);
    for (const s of many(100, () => unknownSnapshotId(rng))) expect(isSnapshotId(s)).toBe(true);
  });
});
