import { describe, expect, it } from "vitest";
import { chunkLogGroups, parseLogGroupSpec, validateLogGroupName } from "./log-groups";

describe("validateLogGroupName", () => {
  it.each(["/aws/lambda/checkout", "/ecs/orders-api", "my.app_logs#1", "a", "x".repeat(512)])("accepts %s", (name) => {
    expect(validateLogGroupName(name)).toEqual({ ok: true, value: name });
  });

  it.each([
    ["", /empty/],
    ["x".repeat(513), /at most 512/],
    ["/aws/lambda/check out", /character/],
    ["/aws/lambda/*", /character/],
    ["arn:aws:logs:us-east-1:123456789012:log-group:/x", /character/],
    ['/aws/"x"', /character/],
    ["/aws/lambda/é", /character/],
  ])("rejects %j", (name, reason) => {
    const r = validateLogGroupName(name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe("parseLogGroupSpec", () => {
  it("reads a name and a prefix", () => {
    expect(parseLogGroupSpec("/aws/lambda/checkout")).toEqual({ ok: true, value: { kind: "name", name: "/aws/lambda/checkout" } });
    expect(parseLogGroupSpec(" /aws/lambda/* ")).toEqual({ ok: true, value: { kind: "prefix", prefix: "/aws/lambda/" } });
  });

  it.each(["*", "/aws/**", "/aws/*/x", "*x", "", "/aws/ lambda*"])("rejects %j", (spec) => {
    expect(parseLogGroupSpec(spec).ok).toBe(false);
  });
});

describe("chunkLogGroups", () => {
  const groups = Array.from({ length: 120 }, (_, i) => `/aws/lambda/fn-${i}`);

  it("splits into queries of at most 50 log groups, in order", () => {
    const chunks = chunkLogGroups(groups);
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(groups);
  });

  it("drops duplicates and honours a smaller size", () => {
    expect(chunkLogGroups(["a", "b", "a", "c", "b"], 2)).toEqual([["a", "b"], ["c"]]);
    expect(chunkLogGroups([])).toEqual([]);
  });

  it("refuses a size that is not a positive integer", () => {
    expect(() => chunkLogGroups(groups, 0)).toThrow(RangeError);
    expect(() => chunkLogGroups(groups, 2.5)).toThrow(RangeError);
  });
});
