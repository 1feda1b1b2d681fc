import { describe, expect, it } from "vitest";
import type { Span, Trace } from "../../model";
import { parseTraceId, type ParsedTraceId } from "../../trace-id";
import { DEFAULT_QUERY_MARGINS, traceLogsQuery } from "./logs-query";
import { MAX_CONSOLE_GROUPS, resolveConsoleRegion, traceConsoleLinks } from "./trace-console-links";

function parsed(value: string): ParsedTraceId {
  const r = parseTraceId(value);
  if (!r.ok) throw new Error(r.reason);
  return r.id;
}

const ID = parsed("1-5f3a3e12-89b4a5c6d7e8f90123456789");
const ID_MS = 0x5f3a3e12 * 1000;

const never = () => Promise.reject(new Error("the SDK's Region must not be asked"));

describe("resolveConsoleRegion", () => {
  it("takes AWS_REGION when the console knows it, without asking the SDK", async () => {
    expect(await resolveConsoleRegion(" eu-west-1 ", never)).toEqual({ region: "eu-west-1" });
  });

  it("names an AWS_REGION the console does not know, and uses us-east-1", async () => {
    expect(await resolveConsoleRegion("mars-north", never)).toEqual({
      region: "us-east-1",
      note: 'AWS_REGION "mars-north" is not a Region the console knows: the console links use us-east-1.',
    });
  });

  it("asks the SDK (the profile's region) when AWS_REGION is unset", async () => {
    expect(await resolveConsoleRegion(undefined, async () => "ap-southeast-2")).toEqual({ region: "ap-southeast-2" });
    expect(await resolveConsoleRegion("  ", async () => "ap-southeast-2")).toEqual({ region: "ap-southeast-2" });
  });

  it("says no Region is configured when the SDK has none (or an unknown one)", async () => {
    const note = "No AWS Region is configured (AWS_REGION or the profile's region): the console links use us-east-1.";
    expect(await resolveConsoleRegion(undefined, () => Promise.reject(new Error("Region is missing")))).toEqual({ region: "us-east-1", note });
    expect(await resolveConsoleRegion(undefined, async () => "nowhere")).toEqual({ region: "us-east-1", note });
  });
});

function lambdaSpan(fn: string): Span {
  return {
    traceId: ID.hex,
    spanId: "0123456789abcdef",
    parentSpanId: null,
    service: fn,
    name: fn,
    kind: "server",
    startTime: ID_MS + 100,
    endTime: ID_MS + 600,
    durationMs: 500,
    status: "ok",
    statusMessage: null,
    httpStatus: null,
    origin: "AWS::Lambda::Function",
    attributes: {},
    resource: { "faas.name": fn },
    events: [],
    links: [],
  };
}

const trace = (spans: Span[]): Trace => ({
  traceId: ID.hex,
  xrayTraceId: ID.xray,
  startTime: ID_MS + 100,
  endTime: ID_MS + 600,
  durationMs: 500,
  spans,
  services: spans.map((s) => s.service),
});

describe("traceConsoleLinks", () => {
  const base = { id: ID, configured: { groups: ["/app/web"], problems: [] }, region: { region: "eu-west-1" }, margins: DEFAULT_QUERY_MARGINS };

  it("links the trace and its logs query: the trace's own log groups first, then the configured ones", () => {
    const links = traceConsoleLinks({ ...base, trace: trace([lambdaSpan("checkout")]) });
    expect(links).toMatchObject({
      traceId: ID.hex,
      xrayTraceId: ID.xray,
      region: "eu-west-1",
      traceConsoleUrl: `https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#xray:traces/${ID.xray}`,
      query: traceLogsQuery(ID),
      logGroups: ["/aws/lambda/checkout", "/app/web"],
      // The trace's span, 5 minutes before and 15 after, in whole seconds.
      window: { from: Math.floor((ID_MS + 100 - 300_000) / 1000) * 1000, to: Math.ceil((ID_MS + 600 + 900_000) / 1000) * 1000 },
    });
    expect(links.logsInsightsConsoleUrl).toMatch(/^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights/);
    expect(Object.keys(links)).not.toContain("regionNote");
    expect(Object.keys(links)).not.toContain("logGroupsOmitted");
    expect(Object.keys(links)).not.toContain("problems");
  });

  it("without the trace, has the window around the ID's second and the configured groups only", () => {
    const links = traceConsoleLinks({ ...base, trace: null });
    expect(links.logGroups).toEqual(["/app/web"]);
    expect(links.window).toEqual({ from: ID_MS - 300_000, to: ID_MS + 900_000 });
  });

  it("selects 50 groups at most and counts the others; carries the region's note and the listing problems", () => {
    const groups = Array.from({ length: MAX_CONSOLE_GROUPS + 3 }, (_, i) => `/app/g${String(i).padStart(2, "0")}`);
    const links = traceConsoleLinks({
      ...base,
      trace: trace([lambdaSpan("checkout")]),
      configured: { groups, problems: ["The log groups /denied/* could not be listed: …"] },
      region: { region: "us-east-1", note: "No AWS Region is configured" },
    });
    expect(links.logGroups).toHaveLength(MAX_CONSOLE_GROUPS);
    expect(links.logGroups[0]).toBe("/aws/lambda/checkout");
    expect(links.logGroupsOmitted).toBe(4);
    expect(links.problems).toEqual(["The log groups /denied/* could not be listed: …"]);
    expect(links.regionNote).toBe("No AWS Region is configured");
  });
});
