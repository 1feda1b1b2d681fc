import { describe, expect, it } from "vitest";
import { ConfigError } from "../../config";
import { parseAwsSourceConfig, parseAwsTimeouts } from "./aws-config";
import { AwsSource, createAwsSourceFromEnv } from "./aws-source";

describe("parseAwsSourceConfig", () => {
  it("has defaults", () => {
    expect(parseAwsSourceConfig({})).toEqual({
      traceStore: "auto",
      logGroups: [],
      logScope: "groups",
      maxGroupsPerQuery: 50,
      marginsMs: { beforeMs: 5 * 60_000, afterMs: 15 * 60_000 },
      summaryPageCap: 10,
      pricePerGb: 0.005,
      spansDeadlineMs: 120_000,
    });
  });

  it("reads every setting", () => {
    const c = parseAwsSourceConfig({
      LOG_GROUPS: " /aws/lambda/checkout , /ecs/* ,,",
      LOGS_MAX_GROUPS_PER_QUERY: "10",
      LOGS_MARGIN_BEFORE_MIN: "1",
      LOGS_MARGIN_AFTER_MIN: "0.5",
      XRAY_SUMMARY_PAGE_CAP: "3",
      LOGS_PRICE_PER_GB: "0.0063",
      LOG_SCOPE: " Account ",
      TRACE_STORE: " Spans ",
      SPANS_TRACE_DEADLINE_MS: "30000",
    });
    expect(c).toEqual({
      traceStore: "spans",
      logGroups: [
        { kind: "name", name: "/aws/lambda/checkout" },
        { kind: "prefix", prefix: "/ecs/" },
      ],
      logScope: "account",
      maxGroupsPerQuery: 10,
      marginsMs: { beforeMs: 60_000, afterMs: 30_000 },
      summaryPageCap: 3,
      pricePerGb: 0.0063,
      spansDeadlineMs: 30_000,
    });
  });

  it.each([
    [{ TRACE_STORE: "logs" }, /^Invalid configuration: TRACE_STORE must be one of xray, spans, auto, got "logs"$/],
    [{ LOG_GROUPS: "/ok,/bad group" }, /^Invalid configuration: LOG_GROUPS entry "\/bad group": .*character/],
    [
      { LOG_GROUPS: "/ok,arn:aws:logs:us-east-1:1111:log-group:/x" },
      /^Invalid configuration: LOG_GROUPS entry "arn:aws:logs:us-east-1:1111:log-group:\/x": .*12-digit/,
    ],
    [{ LOG_GROUPS: "*" }, /LOG_GROUPS entry "\*": "\*" alone would query every log group/],
    [{ LOG_GROUPS: "/team'/*" }, /^Invalid configuration: LOG_GROUPS entry "\/team'\/\*": .*character/],
    [{ LOG_GROUPS: "/team]/*" }, /^Invalid configuration: LOG_GROUPS entry "\/team]\/\*": .*character/],
    [{ LOG_SCOPE: "org" }, /^Invalid configuration: LOG_SCOPE must be "groups" or "account", got "org"/],
    [{ LOGS_MAX_GROUPS_PER_QUERY: "51" }, /LOGS_MAX_GROUPS_PER_QUERY must be a whole number from 1 to 50, got "51"/],
    [{ LOGS_MAX_GROUPS_PER_QUERY: "2.5" }, /LOGS_MAX_GROUPS_PER_QUERY/],
    [{ LOGS_MARGIN_AFTER_MIN: "-1" }, /LOGS_MARGIN_AFTER_MIN must be a number at least 0/],
    [{ XRAY_SUMMARY_PAGE_CAP: "0" }, /XRAY_SUMMARY_PAGE_CAP/],
    [{ LOGS_PRICE_PER_GB: "cheap" }, /LOGS_PRICE_PER_GB/],
    [{ SPANS_TRACE_DEADLINE_MS: "500" }, /^Invalid configuration: SPANS_TRACE_DEADLINE_MS must be a whole number from 1000 to 3600000, got "500"$/],
  ])("rejects %j with a ConfigError naming it", (env, message) => {
    expect(() => parseAwsSourceConfig(env)).toThrow(ConfigError);
    expect(() => parseAwsSourceConfig(env)).toThrow(message);
  });
});

describe("createAwsSourceFromEnv", () => {
  it("stops on an invalid LOG_GROUPS entry before creating anything", () => {
    expect(() => createAwsSourceFromEnv({ LOG_GROUPS: "/a/*/b" })).toThrow(ConfigError);
  });

  it("creates the source on the SDK's own configuration", async () => {
    const source = createAwsSourceFromEnv({ LOG_GROUPS: "/aws/lambda/*" });
    expect(source).toBeInstanceOf(AwsSource);
    expect(source.kind).toBe("aws");
    await source.close();
  });
});

describe("parseAwsTimeouts (AWS_REQUEST_TIMEOUT_MS)", () => {
  const defaults = { requestTimeoutMs: 20_000, callTimeoutMs: 30_000 };
  it("keeps the defaults when unset, and gives the whole call 1.5 times the per-attempt timeout when set", () => {
    expect(parseAwsTimeouts({}, defaults)).toEqual(defaults);
    expect(parseAwsTimeouts({ AWS_REQUEST_TIMEOUT_MS: "2000" }, defaults)).toEqual({ requestTimeoutMs: 2_000, callTimeoutMs: 3_000 });
  });
  it("refuses a value that is not a whole number of milliseconds from 100", () => {
    expect(() => parseAwsTimeouts({ AWS_REQUEST_TIMEOUT_MS: "fast" }, defaults)).toThrow(/AWS_REQUEST_TIMEOUT_MS must be a whole number from 100/);
    expect(() => parseAwsTimeouts({ AWS_REQUEST_TIMEOUT_MS: "50" }, defaults)).toThrow(/AWS_REQUEST_TIMEOUT_MS/);
  });
});
