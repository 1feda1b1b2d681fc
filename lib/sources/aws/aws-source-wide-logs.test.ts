/**
 * The two passes of a trace's logs search over the wire: the wide pass (filterIndex traceId over
 * the LOG_GROUPS prefixes the narrow pass cannot cover — cut at 1,000 groups, or not listed — or
 * the whole account with LOG_SCOPE=account) finds lines in groups nobody named; the narrow pass
 * searches every group Sightline can name (prefixes expanded) for every form of the ID; the lines
 * are merged once each and say which pass found them; each pass's bytes and cost are shown.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LogsResult } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import { type Harness, type HarnessOptions, id, inputOf, startHarness, until } from "./aws-test-setup";
import { traceLogsQuery, wideScopes, wideTraceLogsQuery } from "./logs-query";

const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const T0 = 0x5f3a3e12 * 1000;
const ID = id(XRAY);

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

const line = (fields: Record<string, unknown>) => JSON.stringify(fields);
const bytes = (...messages: string[]) => messages.reduce((n, m) => n + Buffer.byteLength(m), 0);

const NAMED_INDEXED = line({ traceId: HEX, msg: "named, indexed" });
const NAMED_OTHER_FORM = line({ trace_id: XRAY, msg: "named, trace_id" });
const NAMED_UNRELATED = line({ msg: "named, another request" });
const UNNAMED_INDEXED = line({ traceId: XRAY, msg: "unnamed, indexed" });
const UNNAMED_IN_TEXT = `unnamed, the ID in text only ${XRAY}`;
const OUTSIDE_PREFIX = line({ traceId: HEX, msg: "no prefix matches" });
const INFREQUENT = line({ traceId: HEX, msg: "infrequent access" });

async function start(options: HarnessOptions & { logScope?: "groups" | "account" }): Promise<Harness> {
  const { logScope, ...rest } = options;
  // TRACE_STORE=xray: these traces exist in no store, and only the logs search's queries are counted here.
  harness = await startHarness({ ...rest, source: { traceStore: "xray", ...rest.source, ...(logScope ? { logScope } : {}) } });
  const { server } = harness;
  server.putLogEvents("/app/orders", "s", [
    { timestamp: T0 + 10, message: NAMED_INDEXED },
    { timestamp: T0 + 20, message: NAMED_OTHER_FORM },
    { timestamp: T0 + 25, message: NAMED_UNRELATED },
  ]);
  server.putLogEvents("/team/payments", "s", [
    { timestamp: T0 + 30, message: UNNAMED_INDEXED },
    { timestamp: T0 + 40, message: UNNAMED_IN_TEXT },
  ]);
  server.putLogEvents("/elsewhere/audit", "s", [{ timestamp: T0 + 50, message: OUTSIDE_PREFIX }]);
  server.putLogEvents("/team/archive", "s", [{ timestamp: T0 + 60, message: INFREQUENT }], "INFREQUENT_ACCESS");
  return harness;
}

function logsOf(h: Harness, traceId: ParsedTraceId, timeoutMs?: number): Promise<LogsResult> {
  return until(
    () => h.source.getTraceLogs(traceId),
    (r) => r.status !== "running",
    timeoutMs,
  );
}

/**
 * start(options), then `prepare` (more groups, an injected error) on the AWS test server, then
 * the trace's logs search run to its end: the harness and what it answered.
 */
async function withLogsSource(
  options: Parameters<typeof start>[0],
  prepare?: (h: Harness) => void,
  timeoutMs?: number,
): Promise<{ h: Harness; done: LogsResult }> {
  const h = await start(options);
  prepare?.(h);
  return { h, done: await logsOf(h, ID, timeoutMs) };
}

const messages = (r: LogsResult) => r.events.map((e) => [e.message, e.pass]);

type Start = Record<string, unknown>;
/** The wide pass's queries name no log group; the narrow pass's name theirs. */
const wideOf = (starts: Start[]) => starts.filter((s) => s.logGroupNames === undefined);
const narrowOf = (starts: Start[]) => starts.filter((s) => s.logGroupNames !== undefined);

describe("the wide pass", () => {
  it("finds lines in groups nobody named (LOG_SCOPE=account), and says which pass found each line", async () => {
    const { h, done } = await withLogsSource({ logGroups: "/app/orders", logScope: "account" });
    expect(done.status).toBe("complete");
    // A line both passes found is the narrow pass's: "wide" marks the lines no named group holds.
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
      [UNNAMED_INDEXED, "wide"],
      [OUTSIDE_PREFIX, "wide"],
    ]);
    expect(h.calls("DescribeLogGroups")).toHaveLength(0);
    const starts = h.calls("StartQuery").map(inputOf);
    const wide = wideOf(starts);
    expect(wide).toHaveLength(1);
    expect(wide[0]).toMatchObject({ queryString: wideTraceLogsQuery(ID, { kind: "account" }), queryLanguage: "CWLI" });
    expect(narrowOf(starts).map((s) => s.logGroupNames)).toEqual([["/app/orders"]]);
  });

  it("runs no wide pass over prefixes that expand in full: one StartQuery, and a line with the ID in text only is not lost", async () => {
    const { h, done } = await withLogsSource({ logGroups: "/app/orders,/team/*" });
    expect(done.status).toBe("complete");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
      [UNNAMED_INDEXED, "narrow"],
      [UNNAMED_IN_TEXT, "narrow"],
      [INFREQUENT, "narrow"],
    ]);
    expect(inputOf(h.calls("DescribeLogGroups")[0]).logGroupNamePrefix).toBe("/team/");
    // The narrow pass names every group of the prefix: a wide query would find nothing more.
    const starts = h.calls("StartQuery").map(inputOf);
    expect(starts).toHaveLength(1);
    expect(starts[0].queryString).toBe(traceLogsQuery(ID));
    expect(new Set(starts[0].logGroupNames as string[])).toEqual(new Set(["/app/orders", "/team/payments", "/team/archive"]));
    expect(done.passes).toBeUndefined();
  });

  it("runs the wide pass over a prefix whose expansion was cut at 1,000 groups, and over that prefix only", async () => {
    // 1,001 groups under /many/: the 1,001st by name is beyond the cap, and only the wide pass sees it.
    const many = Array.from({ length: 1_001 }, (_, i) => `/many/g${String(i).padStart(4, "0")}`);
    const BEYOND_CAP = line({ traceId: HEX, msg: "beyond the cap" });
    const { h, done } = await withLogsSource(
      { logGroups: "/app/orders,/team/*,/many/*" },
      (h) => {
        for (const group of many.slice(0, -1)) h.server.putLogEvents(group, "s", [{ timestamp: T0 + 1, message: "unrelated" }]);
        h.server.putLogEvents(many[1_000], "s", [{ timestamp: T0 + 70, message: BEYOND_CAP }]);
      },
      20_000,
    );
    expect(done.status).toBe("complete");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
      [UNNAMED_INDEXED, "narrow"],
      [UNNAMED_IN_TEXT, "narrow"],
      [INFREQUENT, "narrow"],
      [BEYOND_CAP, "wide"],
    ]);
    const starts = h.calls("StartQuery").map(inputOf);
    expect(wideOf(starts).map((s) => s.queryString)).toEqual([wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/many/"] })]);
    const named = new Set(starts.flatMap((s) => (s.logGroupNames as string[] | undefined) ?? []));
    expect(named).toEqual(new Set(["/app/orders", "/team/payments", "/team/archive", ...many.slice(0, 1_000)]));
  }, 30_000);

  it("runs the wide pass over the prefixes when DescribeLogGroups is denied, and says the groups could not be listed", async () => {
    const { h, done } = await withLogsSource({ logGroups: "/app/orders,/team/*" }, (h) => h.server.inject("DescribeLogGroups", { kind: "accessDenied" }));
    // The wide pass finds the prefix's indexed line; the line with the ID in text only needs the
    // group's name: partial, saying why.
    expect(done.status).toBe("partial");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
      [UNNAMED_INDEXED, "wide"],
    ]);
    expect(done.message).toMatch(/The log groups \/team\/\* could not be listed: .*logs:DescribeLogGroups/);
    const starts = h.calls("StartQuery").map(inputOf);
    expect(wideOf(starts).map((s) => s.queryString)).toEqual([wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/team/"] })]);
    expect(narrowOf(starts).map((s) => s.logGroupNames)).toEqual([["/app/orders"]]);
  });

  it("with LOG_SCOPE=account, searches the account wide even where LOG_GROUPS' prefixes expand in full", async () => {
    const { h, done } = await withLogsSource({ logGroups: "/team/*", logScope: "account" });
    expect(done.status).toBe("complete");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "wide"],
      [UNNAMED_INDEXED, "narrow"],
      [UNNAMED_IN_TEXT, "narrow"],
      [OUTSIDE_PREFIX, "wide"],
      [INFREQUENT, "narrow"],
    ]);
    const starts = h.calls("StartQuery").map(inputOf);
    expect(wideOf(starts).map((s) => s.queryString)).toEqual([wideTraceLogsQuery(ID, { kind: "account" })]);
    expect(narrowOf(starts).map((s) => new Set(s.logGroupNames as string[]))).toEqual([new Set(["/team/payments", "/team/archive"])]);
  });

  it("shows the bytes scanned and the cost of each pass: the wide one reads only the indexed matching events", async () => {
    const { done } = await withLogsSource({ logGroups: "/app/orders", logScope: "account" });
    const wideBytes = bytes(NAMED_INDEXED, UNNAMED_INDEXED, OUTSIDE_PREFIX);
    const narrowBytes = bytes(NAMED_INDEXED, NAMED_OTHER_FORM, NAMED_UNRELATED);
    expect(done.passes?.map((p) => [p.pass, p.stats.bytesScanned, p.queries])).toEqual([
      ["wide", wideBytes, 1],
      ["narrow", narrowBytes, 1],
    ]);
    expect(done.passes?.[0].cost).toEqual({ bytesScanned: wideBytes, pricePerGb: 0.005, estimatedUsd: Math.round((wideBytes / 2 ** 30) * 0.005 * 1e9) / 1e9 });
    expect(done.stats?.bytesScanned).toBe(wideBytes + narrowBytes);
  });

  it("with LOG_SCOPE=account, searches every Standard group of the account, with no LOG_GROUPS at all", async () => {
    // Transaction Search's span records carry traceId too: they are spans, never log lines.
    const { h, done } = await withLogsSource({ logScope: "account" }, (h) =>
      h.server.putSpans([
        { traceId: HEX, spanId: "0123456789abcdef", name: "GET /orders", startTimeUnixNano: String((T0 + 5) * 1e6), endTimeUnixNano: String((T0 + 9) * 1e6) },
      ]),
    );
    expect(done.status).toBe("complete");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "wide"],
      [UNNAMED_INDEXED, "wide"],
      [OUTSIDE_PREFIX, "wide"],
    ]);
    expect(h.calls("StartQuery").map((c) => inputOf(c).queryString)).toEqual([wideTraceLogsQuery(ID, { kind: "account" })]);
  });

  it("splits more than five uncovered prefixes into wide queries of five", async () => {
    const prefixes = ["/a/", "/b/", "/c/", "/d/", "/e/", "/team/"];
    const { h, done } = await withLogsSource({ logGroups: prefixes.map((p) => `${p}*`).join(",") }, (h) =>
      h.server.inject("DescribeLogGroups", { kind: "accessDenied" }),
    );
    expect(messages(done)).toEqual([[UNNAMED_INDEXED, "wide"]]);
    const wide = wideOf(h.calls("StartQuery").map(inputOf));
    expect(wide.map((s) => s.queryString)).toEqual(wideScopes("groups", prefixes).map((scope) => wideTraceLogsQuery(ID, scope)));
    expect(done.passes?.[0].queries).toBe(2);
  });

  it("goes on with the narrow pass alone where filterIndex is refused, and says so once", async () => {
    const { done } = await withLogsSource({ logGroups: "/app/orders", logScope: "account" }, (h) => h.server.configure({ fieldIndexes: false }));
    expect(done.status).toBe("complete");
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
    ]);
    expect(done.message).toMatch(
      /^The wide search \(filterIndex traceId over every log group of the account\) was refused \(MalformedQueryException: .*\); Sightline searched the named log groups only\.$/,
    );
    expect(done.passes?.map((p) => [p.pass, p.queries, p.stats.bytesScanned])).toEqual([
      ["wide", 0, 0],
      ["narrow", 1, bytes(NAMED_INDEXED, NAMED_OTHER_FORM, NAMED_UNRELATED)],
    ]);
  });

  it("runs no wide pass with exact names only (LOG_SCOPE=groups): one pass, as before", async () => {
    const { done } = await withLogsSource({ logGroups: "/app/orders" });
    expect(messages(done)).toEqual([
      [NAMED_INDEXED, "narrow"],
      [NAMED_OTHER_FORM, "narrow"],
    ]);
    expect(done.passes).toBeUndefined();
  });
});

describe("what reaches the wide query", () => {
  it("refuses a prefix with a quote, a bracket or a space, and more than five prefixes", () => {
    for (const prefix of ["/team'", "/team]", "/te am", "/team\\", ""]) {
      expect(() => wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: [prefix] })).toThrow(/character|prefixes/);
    }
    expect(() => wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/a", "/b", "/c", "/d", "/e", "/f"] })).toThrow(RangeError);
    expect(() => wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: [] })).toThrow(RangeError);
  });

  it("refuses a trace ID whose hex form is not 32 lowercase hex digits", () => {
    expect(() => wideTraceLogsQuery({ ...ID, hex: `${HEX.slice(0, 31)}"` }, { kind: "account" })).toThrow(TypeError);
  });
});
