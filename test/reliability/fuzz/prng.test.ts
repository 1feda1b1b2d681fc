import { describe, expect, it } from "vitest";
import { createRng, hex, seedFromEnv } from "./prng";

describe("createRng", () => {
  it("is reproducible: the same seed gives the same sequence", () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 50 }, () => a.next());
    expect(Array.from({ length: 50 }, () => b.next())).toEqual(xs);
    expect(new Set(xs).size).toBe(50);
  });

  it("keeps int within its inclusive bounds and reaches both", () => {
    const rng = createRng(7);
    const seen = new Set(Array.from({ length: 500 }, () => rng.int(3, 6)));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it("differs between seeds and rejects an empty pick", () => {
    expect(createRng(1).next()).not.toBe(createRng(2).next());
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });
});

describe("hex and seedFromEnv", () => {
  it("gives lowercase hex of the length asked", () => {
    expect(hex(createRng(3), 32)).toMatch(/^[0-9a-f]{32}$/);
  });

  it("reads FUZZ_SEED when it is a number", () => {
    expect(seedFromEnv({ FUZZ_SEED: "1234" })).toBe(1234);
    expect(seedFromEnv({ FUZZ_SEED: "x" })).toBeGreaterThanOrEqual(0);
  });
});
