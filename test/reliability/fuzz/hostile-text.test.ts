import { describe, expect, it } from "vitest";
import { encodeComponent, hostileText, nonServiceText } from "./hostile-text";
import { createRng } from "./prng";

const SERVICE_NAME = /^[\p{L}\p{N}._:@/ -]{1,200}$/u;

describe("hostile text", () => {
  it("is reproducible from the seed and never empty", () => {
    const a = Array.from(
      { length: 200 },
      (
        (r) => () =>
          hostileText(r)
      )(createRng(9)),
    );
    const b = Array.from(
      { length: 200 },
      (
        (r) => () =>
          hostileText(r)
      )(createRng(9)),
    );
    expect(a).toEqual(b);
    for (const s of a) expect(s.length).toBeGreaterThan(0);
  });

  it("nonServiceText is never a valid service name", () => {
    const rng = createRng(11);
    for (let i = 0; i < 2_000; i++) expect(SERVICE_NAME.test(nonServiceText(rng))).toBe(false);
  });

  it("encodeComponent encodes lone surrogates instead of throwing", () => {
    expect(encodeComponent("a\ud800b")).toBe("a%EF%BF%BDb");
    expect(encodeComponent("🔥|")).toBe("%F0%9F%94%A5%7C");
  });
});
