/**
 * `filterIndex` and `SOURCE logGroups(namePrefix: [...], class: [...])`, as Sightline's wide pass
 * sends them (wideTraceLogsQuery, no log groups named): an index exists only for `traceId` in the
 * groups of the Standard class; only indexed matching events are read and count as scanned; a
 * group that no prefix matches is not searched.
 */
import { CreateLogGroupCommand, DescribeLogGroupsCommand, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { traceLogsQuery, wideTraceLogsQuery } from "../../lib/sources/aws/logs-query";
import { HEX, ID, T0, WINDOW, XRAY, logsServerPerTest, runInsights, runQuery } from "./logs-helpers";

/** A line with the ID in the indexed field, in W3C or X-Ray form. */
const indexed = (traceId: string, msg: string) => JSON.stringify({ traceId, msg });

const t = logsServerPerTest((server) => {
  server.putLogEvents("/team/payments", "s", [
    { timestamp: T0 + 10, message: indexed(HEX, "charged") },
    { timestamp: T0 + 20, message: indexed("00000000000000000000000000000001", "another trace") },
    { timestamp: T0 + 30, message: JSON.stringify({ trace_id: XRAY, msg: "not the indexed field" }) },
    { timestamp: T0 + 40, message: `plain text ${XRAY}` },
  ]);
  server.putLogEvents("/team/shipping", "s", [{ timestamp: T0 + 50, message: indexed(XRAY, "shipped") }]);
  server.putLogEvents("/elsewhere/audit", "s", [{ timestamp: T0 + 60, message: indexed(HEX, "no prefix matches this group") }]);
  server.putLogEvents("/team/archive", "s", [{ timestamp: T0 + 70, message: indexed(HEX, "infrequent access: no index") }], "INFREQUENT_ACCESS");
});

/** A SOURCE query: it names no group. */
const runSource = (queryString: string) => runQuery(t.client, { queryString, queryLanguage: "CWLI" });

const bytes = (...messages: string[]) => messages.reduce((n, m) => n + Buffer.byteLength(m), 0);

describe("filterIndex over SOURCE logGroups(namePrefix)", () => {
  it("returns only the indexed events that match, in Standard groups a prefix matches, and counts only them as scanned", async () => {
    const { rows, final } = await runSource(wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/team/"] }));
    expect(final.status).toBe("Complete");
    expect(rows.map((r) => JSON.parse(r["@message"]).msg)).toEqual(["charged", "shipped"]);
    expect(rows.map((r) => r["@log"])).toEqual(["123456789012:/team/payments", "123456789012:/team/shipping"]);
    expect(final.statistics).toEqual({ recordsScanned: 2, recordsMatched: 2, bytesScanned: bytes(indexed(HEX, "charged"), indexed(XRAY, "shipped")) });
  });

  it("searches every Standard group of the account without a prefix, and no Infrequent Access group", async () => {
    const { rows } = await runSource(wideTraceLogsQuery(ID, { kind: "account" }));
    expect(rows.map((r) => JSON.parse(r["@message"]).msg)).toEqual(["charged", "shipped", "no prefix matches this group"]);
  });

  it("selects the Infrequent Access class when asked, where there is no index: nothing is found or scanned", async () => {
    const { rows, final } = await runSource(`SOURCE logGroups(class: ['INFREQUENT_ACCESS']) | filterIndex traceId = "${HEX}"`);
    expect(rows).toEqual([]);
    expect(final.statistics?.bytesScanned).toBe(0);
    // The same group, scanned the narrow way, has the line.
    const narrow = await runInsights(t.client, traceLogsQuery(ID), ["/team/archive"], WINDOW);
    expect(narrow.rows).toHaveLength(1);
  });

  it("scans less than the narrow pass over the same group, which finds the forms the index does not cover", async () => {
    const wide = await runSource(wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/team/payments"] }));
    const narrow = await runInsights(t.client, traceLogsQuery(ID), ["/team/payments"], WINDOW);
    expect(wide.rows).toHaveLength(1);
    expect(narrow.rows.map((r) => r["@message"])).toHaveLength(3);
    expect(narrow.final.statistics?.recordsScanned).toBe(4);
    expect(wide.final.statistics?.bytesScanned).toBeLessThan(narrow.final.statistics?.bytesScanned ?? 0);
    // The same event has the same @ptr in both answers: the merge de-duplicates on it.
    expect(narrow.rows.map((r) => r["@ptr"])).toContain(wide.rows[0]["@ptr"]);
  });

  it("filterIndex over named groups still reads only indexed matching events", async () => {
    const { rows, final } = await runInsights(
      t.client,
      `filterIndex traceId in ["${HEX}", "${XRAY}"] | fields @message`,
      ["/team/payments", "/team/archive"],
      WINDOW,
    );
    expect(rows).toHaveLength(1);
    expect(final.statistics?.recordsScanned).toBe(1);
  });

  it("DescribeLogGroups and CreateLogGroup know the log class", async () => {
    await t.client.send(new CreateLogGroupCommand({ logGroupName: "/team/cold", logGroupClass: "INFREQUENT_ACCESS" }));
    const out = await t.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/team/" }));
    expect(out.logGroups?.map((g) => [g.logGroupName, g.logGroupClass])).toEqual([
      ["/team/archive", "INFREQUENT_ACCESS"],
      ["/team/cold", "INFREQUENT_ACCESS"],
      ["/team/payments", "STANDARD"],
      ["/team/shipping", "STANDARD"],
    ]);
  });
});

describe("refusals", () => {
  const start = (input: Partial<ConstructorParameters<typeof StartQueryCommand>[0]>) =>
    t.client.send(new StartQueryCommand({ queryString: "fields @message", ...WINDOW, ...input })).then(
      () => "started",
      (e: Error) => `${e.name}: ${e.message}`,
    );

  it("a SOURCE query that also names groups, more than five prefixes, SOURCE not first", async () => {
    expect(await start({ queryString: "SOURCE logGroups() | fields @message", logGroupNames: ["/team/payments"] })).toMatch(/^InvalidParameterException/);
    const six = ["/a", "/b", "/c", "/d", "/e", "/f"].map((p) => `'${p}'`).join(", ");
    expect(await start({ queryString: `SOURCE logGroups(namePrefix: [${six}]) | fields @message` })).toMatch(
      /^MalformedQueryException: namePrefix takes at most 5/,
    );
    expect(await start({ queryString: "fields @message | SOURCE logGroups()", logGroupNames: ["/team/payments"] })).toMatch(
      /^MalformedQueryException: SOURCE must be the first/,
    );
    expect(await start({ queryString: "fields @message" })).toMatch(/^InvalidParameterException: .*exactly one of/);
  });

  it("a region without field indexes refuses filterIndex and SOURCE (MalformedQueryException), and still runs the narrow query", async () => {
    t.server.configure({ fieldIndexes: false });
    expect(await start({ queryString: wideTraceLogsQuery(ID, { kind: "account" }) })).toMatch(/^MalformedQueryException: Unknown command 'SOURCE'/);
    expect(await start({ queryString: `filterIndex traceId = "${HEX}"`, logGroupNames: ["/team/payments"] })).toMatch(
      /^MalformedQueryException: Unknown command 'filterIndex'/,
    );
    expect(await start({ queryString: traceLogsQuery(ID), logGroupNames: ["/team/payments"] })).toBe("started");
  });
});
