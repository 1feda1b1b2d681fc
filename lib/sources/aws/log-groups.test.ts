import { describe, expect, it } from "vitest";
import { chunkLogGroups, crossesAccounts, isLogGroupArn, lambdaLogGroupOf, parseLogGroupSpec, validateLogGroupName } from "./log-groups";
import { logGroupsParameter } from "./trace-logs-entry";

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

describe("parseLogGroupSpec with ARNs (a monitoring account's source-account groups)", () => {
  const arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/ecs/ledger";

  it("reads an ARN, with or without the trailing :*, as the ARN without it", () => {
    const expected = { ok: true, value: { kind: "arn", arn, account: "111122223333", region: "eu-west-1", name: "/ecs/ledger" } };
    expect(parseLogGroupSpec(arn)).toEqual(expected);
    expect(parseLogGroupSpec(` ${arn}:* `)).toEqual(expected);
    expect(parseLogGroupSpec("arn:aws-cn:logs:cn-north-1:111122223333:log-group:a").ok).toBe(true);
    expect(parseLogGroupSpec("arn:aws-us-gov:logs:us-gov-west-1:111122223333:log-group:a").ok).toBe(true);
  });

  it.each([
    ["arn:aws:logs:eu-west-1:111122223333:log-group:", /empty/],
    ["arn:aws:logs:eu-west-1:11112222333:log-group:/x", /12-digit/],
    ["arn:aws:logs:eu-west-1:1111222233334:log-group:/x", /12-digit/],
    ["arn:aws:logs:eu-west-1:abcdabcdabcd:log-group:/x", /12-digit/],
    ["arn:aws:logs::111122223333:log-group:/x", /Region/],
    ["arn:aws:logs:Europe:111122223333:log-group:/x", /Region/],
    ["arn:aws:xray:eu-west-1:111122223333:log-group:/x", /service/],
    ["arn:azure:logs:eu-west-1:111122223333:log-group:/x", /partition/],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:/x/*", /prefix/],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:/x:log-stream:s", /character/],
    ["arn:aws:logs:eu-west-1:111122223333:log-group:/a b", /character/],
    ["arn:aws:logs:eu-west-1:111122223333:/x", /arn:aws:logs:<region>/],
    ["arn:aws:logs:eu-west-1:111122223333:destination:/x", /arn:aws:logs:<region>/],
  ])("rejects %j, saying why", (spec, reason) => {
    const r = parseLogGroupSpec(spec);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });
});

describe("logGroupsParameter: StartQuery's log groups", () => {
  it("names only: logGroupNames, as before", () => {
    expect(logGroupsParameter(["/a", "/b"])).toEqual({ logGroupNames: ["/a", "/b"] });
  });

  it("any ARN: logGroupIdentifiers with every group, names and ARNs (StartQuery takes exactly one of the two)", () => {
    const arn = "arn:aws:logs:us-east-1:111122223333:log-group:/ecs/ledger";
    expect(isLogGroupArn(arn)).toBe(true);
    expect(isLogGroupArn("/a")).toBe(false);
    expect(logGroupsParameter(["/a", arn])).toEqual({ logGroupIdentifiers: ["/a", arn] });
  });
});

describe("lambdaLogGroupOf and crossesAccounts", () => {
  const resource = { "cloud.account.id": "111122223333", "cloud.region": "eu-west-1" };

  it("names the function's group, or its ARN in the function's account and Region when the trace crosses accounts", () => {
    expect(lambdaLogGroupOf("checkout", resource, false)).toBe("/aws/lambda/checkout");
    expect(lambdaLogGroupOf("checkout", resource, true)).toBe("arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/checkout");
    expect(lambdaLogGroupOf("checkout", { ...resource, "cloud.region": "cn-north-1" }, true)).toBe(
      "arn:aws-cn:logs:cn-north-1:111122223333:log-group:/aws/lambda/checkout",
    );
    // Without the account or the Region, only the name can be given.
    expect(lambdaLogGroupOf("checkout", { "cloud.region": "eu-west-1" }, true)).toBe("/aws/lambda/checkout");
    expect(lambdaLogGroupOf("check out", resource, true)).toBeNull();
  });

  it("a trace crosses accounts when its spans name more than one", () => {
    const span = (account?: string) => ({ resource: account ? { "cloud.account.id": account } : {} });
    expect(crossesAccounts([span("111122223333"), span("111122223333"), span()])).toBe(false);
    expect(crossesAccounts([span("111122223333"), span("123456789012")])).toBe(true);
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
