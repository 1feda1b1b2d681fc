/**
 * The Logs Insights subset, through StartQuery / GetQueryResults: what it answers, and the
 * MalformedQueryException (with the offending offsets) for what it does not run.
 */
import { CloudWatchLogsClient, DescribeQueriesCommand, MalformedQueryException, StartQueryCommand } from "@aws-sdk/client-cloudwatch-logs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { runInsights } from "./logs-helpers";
import { fixtureText, logsClient } from "./sdk-clients";

const GROUP = "/aws/lambda/orders";
const T0 = Date.UTC(2024, 4, 19, 6, 10, 0);
const WINDOW = { startTime: T0 / 1000, endTime: T0 / 1000 + 600 };
const MESSAGES = [
  JSON.stringify({ level: "INFO", status: 200, latencyMs: 12, user: { id: "u-1", plan: "pro" }, tags: ["a", "b"] }),
  JSON.stringify({ level: "ERROR", status: 500, latencyMs: 950, user: { id: "u-2", plan: "free" } }),
  JSON.stringify({ level: "WARN", status: 429, latencyMs: 40 }),
  "plain text with Exception inside",
  "plain text with exception lowercase",
  ...fixtureText("lambda-platform-log-lines.txt").trim().split("\n"),
];

let server: AwsTestServer;
let client: CloudWatchLogsClient;
beforeAll(async () => {
  server = await startAwsTestServer();
  client = logsClient(server);
  server.putLogEvents(
    GROUP,
    "2024/05/19/[$LATEST]0123",
    MESSAGES.map((message, i) => ({ timestamp: T0 + i * 1000, message })),
  );
});
afterAll(async () => {
  await server.close();
});

async function messages(query: string): Promise<string[]> {
  const { rows } = await runInsights(client, query, [GROUP], WINDOW);
  return rows.map((r) => r["@message"] ?? "");
}

const at = (i: number) => MESSAGES[i];

describe("filters", () => {
  it.each([
    ['filter level = "ERROR"', [1]],
    ["filter status >= 400 | sort @timestamp asc", [1, 2]],
    ["filter status != 200 and ispresent(status) | sort @timestamp asc", [1, 2]],
    ['filter level in ["INFO", "WARN"] | sort @timestamp asc', [0, 2]],
    ['filter ispresent(level) and level not in ["INFO", "WARN"]', [1]],
    ['filter @message like "Exception"', [3]],
    ["filter @message like /(?i)exception/ | sort @timestamp asc", [3, 4]],
    ["filter @message =~ /^plain.*lower/", [4]],
    ['filter @message not like /^[{]/ and @message not like "RequestId" | sort @timestamp asc', [3, 4]],
    ['filter (level = "INFO" or level = "WARN") and latencyMs > 20', [2]],
    ['filter level = "INFO" or level = "WARN" and latencyMs > 20 | sort @timestamp asc', [0, 2]],
    ['filter user.plan = "free"', [1]],
    ['filter tags.1 = "b"', [0]],
    ["where latencyMs < 13", [0]],
    ["# a comment\nfilter latencyMs > 900 # and another", [1]],
    [`filter toMillis(@timestamp) >= ${T0 + 3000} and toMillis(@timestamp) <= ${T0 + 4000} | sort @timestamp asc`, [3, 4]],
    [`filter toMillis(@timestamp) > ${T0 + 3000} and tomillis(@timestamp) < ${T0 + 5000}`, [4]],
  ])("%s", async (query, expected) => {
    expect(await messages(query)).toEqual(expected.map(at));
  });
});

describe("Lambda platform lines", () => {
  it("discovers @type, @requestId, @duration, memory in bytes and @xrayTraceId on REPORT", async () => {
    const { rows } = await runInsights(
      client,
      'filter @type = "REPORT" | fields @requestId, @duration, @billedDuration, @initDuration, @memorySize, @maxMemoryUsed, @xrayTraceId, @xraySegmentId',
      [GROUP],
      WINDOW,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      "@requestId": "c793869b-ee49-115b-a5b6-4fd21e8dedac",
      "@duration": "128.83",
      "@billedDuration": "200",
      "@initDuration": "166.62",
      "@memorySize": "128000000",
      "@maxMemoryUsed": "74000000",
      "@xrayTraceId": "1-5d9d007f-0a8c7fd02xmpl480aed55ef0",
      "@xraySegmentId": "3d752xmpl1bbe37e",
    });
    expect(await messages("filter @duration > 100")).toEqual([MESSAGES.find((m) => m.startsWith("REPORT"))]);
    expect((await messages('filter @type in ["START", "END"] | sort @timestamp asc')).map((m) => m.split(" ")[0])).toEqual(["START", "END"]);
  });
});

describe("fields, display, sort, limit", () => {
  it("returns only the named fields (that the record has) and @ptr", async () => {
    const { rows } = await runInsights(client, "fields @timestamp, level, status | sort @timestamp asc | limit 2", [GROUP], WINDOW);
    expect(rows).toEqual([
      { "@timestamp": "2024-05-19 06:10:00.000", level: "INFO", status: "200", "@ptr": rows[0]["@ptr"] },
      { "@timestamp": "2024-05-19 06:10:01.000", level: "ERROR", status: "500", "@ptr": rows[1]["@ptr"] },
    ]);
    expect(rows[0]["@ptr"]).not.toBe(rows[1]["@ptr"]);
  });

  it("display wins over fields", async () => {
    const { rows } = await runInsights(client, "fields level, status | display status | filter ispresent(status) | sort status desc", [GROUP], WINDOW);
    expect(rows.map((r) => Object.keys(r))).toEqual([
      ["status", "@ptr"],
      ["status", "@ptr"],
      ["status", "@ptr"],
    ]);
    expect(rows.map((r) => r.status)).toEqual(["500", "429", "200"]);
  });

  it("sorts newest first without a sort command, and applies the StartQuery limit", async () => {
    const { rows } = await runInsights(client, "fields @message", [GROUP], WINDOW, 3);
    expect(rows.map((r) => r["@message"])).toEqual([...MESSAGES].reverse().slice(0, 3));
  });

  it("sorts numbers numerically and puts records without the field last", async () => {
    const { rows } = await runInsights(client, "fields latencyMs | sort latencyMs asc | limit 4", [GROUP], WINDOW);
    expect(rows.map((r) => r.latencyMs ?? null)).toEqual(["12", "40", "950", null]);
  });
});

describe("MalformedQueryException", () => {
  async function compileError(query: string) {
    const error = await client.send(new StartQueryCommand({ logGroupNames: [GROUP], queryString: query, ...WINDOW })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedQueryException);
    return error as MalformedQueryException;
  }

  it.each([
    ["fields @message | stats count(*) by bin(5m)", 18, "'stats'"],
    ["fields @message | filter", 24, "field name"],
    ['filter @message like "unterminated', 21, "unterminated string"],
    ["filter @message like /(?m)^x/", 21, "(?i)"],
    ["filter @message like /[/", 21, "invalid regular expression"],
    ["fields @message | limit 0", 24, "limit"],
    ["fields @message | sort @timestamp asc extra", 38, "|"],
    ["filter strlen(@message) > 5", 7, "functions"],
    ["fields concat(a, b) as c", 7, "functions"],
    ["filter toMillis(level) > 5", 16, "toMillis() of @timestamp"],
  ])("%j at offset %i", async (query, offset, detail) => {
    const error = await compileError(query);
    expect(error.queryCompileError?.location?.startCharOffset).toBe(offset);
    expect(error.message).toContain(detail);
    expect(error.message).toMatch(/at line \d+ and position \d+/);
  });

  it("starts no query for a malformed one", async () => {
    const before = (await client.send(new DescribeQueriesCommand({}))).queries?.length ?? 0;
    await compileError("filter (level = 1");
    expect((await client.send(new DescribeQueriesCommand({}))).queries ?? []).toHaveLength(before);
  });
});
