import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { decodeTraces } from "@/lib/sources/local/otlp";
import { createRng } from "./prng";
import { gzipBomb, otlpCase, validTracesJson } from "./otlp-bodies";

describe("OTLP bodies", () => {
  it("the gzip bomb is small on the wire and 64 MiB inflated", () => {
    const bomb = gzipBomb();
    expect(bomb.byteLength).toBeLessThan(200_000);
    expect(gunzipSync(bomb).byteLength).toBe(64 * 2 ** 20);
  });

  it("the valid OTLP/JSON body decodes to one span", () => {
    expect(decodeTraces(validTracesJson(createRng(1)), "json").spans).toHaveLength(1);
  });

  it("oversized cases are past the limit; cases are reproducible", () => {
    const a = createRng(5);
    const b = createRng(5);
    for (let i = 0; i < 200; i++) {
      const x = otlpCase(a, "traces", 1_000);
      const y = otlpCase(b, "traces", 1_000);
      expect(x.note).toBe(y.note);
      if (x.note === "oversized body") expect((x.body as Uint8Array).byteLength).toBeGreaterThan(1_000);
    }
  });
});
