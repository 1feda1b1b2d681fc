/**
 * A Logs Insights query over time: Scheduled → Running (growing statistics) → Complete;
 * StopQuery → Cancelled; the concurrency limit; injected Failed / Timeout / Cancelled endings;
 * StartQuery's validation; GetQueryResults paging; log groups and PutLogEvents rules.
 */
import {
  CloudWatchLogsClient,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  InvalidParameterException,
  LimitExceededException,
  PutLogEventsCommand,
  ResourceNotFoundException,
  StartQueryCommand,
  StopQueryCommand,
  paginateDescribeLogGroups,
} from "@aws-sdk/client-cloudwatch-logs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { pollQuery, rowsOf } from "./logs-helpers";
import { logsClient } from "./sdk-clients";

const GROUP = "/app/orders";
const T0 = 1_600_000_000_000;
const WINDOW = { startTime: T0 / 1000, endTime: T0 / 1000 + 3600 };
const EVENTS = Array.from({ length: 40 }, (_, i) => ({ timestamp: T0 + i * 1000, message: `event ${i} ${i % 2 === 0 ? "even" : "odd"}` }));

let server: AwsTestServer;
let client: CloudWatchLogsClient;
beforeEach(async () => {
  server = await startAwsTestServer();
  client = logsClient(server);
  server.putLogEvents(GROUP, "s1", EVENTS);
});
afterEach(async () => {
  await server.close();
});

async function start(queryString = "filter @message like / even$/ | sort @timestamp asc", groups = [GROUP]): Promise<string> {
  const { queryId } = await client.send(new StartQueryCommand({ logGroupNames: groups, queryString, ...WINDOW }));
  if (!queryId) throw new Error("no queryId");
  return queryId;
}

describe("query lifecycle", () => {
  it("is Scheduled/Running with growing statistics until queryRunMs, then Complete with the full answer", async () => {
    server.configure({ queryRunMs: 600 });
    const queryId = await start();
    const seen = await pollQuery(client, queryId, 40);
    const statuses = seen.map((s) => s.status);
    expect(statuses[statuses.length - 1]).toBe("Complete");
    expect(statuses).toContain("Running");
    expect(statuses.every((s) => ["Scheduled", "Running", "Complete"].includes(s ?? ""))).toBe(true);

    const scanned = seen.map((s) => s.statistics?.recordsScanned ?? -1);
    for (let i = 1; i < scanned.length; i += 1) expect(scanned[i]).toBeGreaterThanOrEqual(scanned[i - 1]);
    const partial = seen.filter((s) => s.status === "Running").map((s) => s.statistics?.recordsScanned ?? 0);
    expect(partial.some((n) => n > 0 && n < EVENTS.length)).toBe(true);

    const final = seen[seen.length - 1];
    expect(final.statistics).toMatchObject({ recordsScanned: 40, recordsMatched: 20 });
    expect(rowsOf(final).map((r) => r["@message"])).toEqual(EVENTS.filter((_, i) => i % 2 === 0).map((e) => e.message));
    // Running answers carry partial results: a prefix of the final ones.
    const lastRunning = seen.filter((s) => s.status === "Running").pop();
    const prefix = rowsOf(lastRunning ?? final).map((r) => r["@message"]);
    expect(
      rowsOf(final)
        .map((r) => r["@message"])
        .slice(0, prefix.length),
    ).toEqual(prefix);
  });

  it("StopQuery cancels a running query; stopping it again is an error", async () => {
    server.configure({ queryRunMs: 5000 });
    const queryId = await start();
    await new Promise((r) => setTimeout(r, 700));
    expect(await client.send(new StopQueryCommand({ queryId }))).toMatchObject({ success: true });
    const after = await client.send(new GetQueryResultsCommand({ queryId }));
    expect(after.status).toBe("Cancelled");
    expect(after.statistics?.recordsScanned).toBeGreaterThan(0);
    expect(after.statistics?.recordsScanned).toBeLessThan(40);
    await expect(client.send(new StopQueryCommand({ queryId }))).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("refuses a query beyond the concurrency limit with LimitExceededException, and accepts one after a stop", async () => {
    server.configure({ queryRunMs: 5000, maxConcurrentQueries: 2 });
    const first = await start();
    await start();
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LimitExceededException);
    expect((error as Error).message).toContain("concurrency limit of [2]");
    await client.send(new StopQueryCommand({ queryId: first }));
    await expect(start()).resolves.toBeTruthy();
  });

  it("is retried by the SDK itself: LimitExceededException is one of its throttling codes", async () => {
    server.configure({ queryRunMs: 60_000, maxConcurrentQueries: 1 });
    await start();
    const before = server.calls.filter((c) => c.op === "StartQuery").length;
    const retrying = logsClient(server, { maxAttempts: 2 });
    await expect(retrying.send(new StartQueryCommand({ logGroupNames: [GROUP], queryString: "fields @message", ...WINDOW }))).rejects.toBeInstanceOf(
      LimitExceededException,
    );
    expect(server.calls.filter((c) => c.op === "StartQuery").length - before).toBe(2);
  });

  it.each(["Failed", "Timeout", "Cancelled"] as const)("ends %s when a queryStatus fault is set", async (status) => {
    server.configure({ queryRunMs: 100 });
    server.inject("StartQuery", { kind: "queryStatus", status });
    const seen = await pollQuery(client, await start());
    expect(seen[seen.length - 1].status).toBe(status);
  });

  it("pages GetQueryResults with maxItems and nextToken", async () => {
    const queryId = await start("fields @message | sort @timestamp asc");
    const first = await client.send(new GetQueryResultsCommand({ queryId, maxItems: 15 }));
    expect(first.results).toHaveLength(15);
    expect(first.nextToken).toBeTruthy();
    const second = await client.send(new GetQueryResultsCommand({ queryId, maxItems: 30, nextToken: first.nextToken }));
    expect(second.results).toHaveLength(25);
    expect(second.nextToken).toBeUndefined();
    expect(rowsOf(second)[0]["@message"]).toBe("event 15 odd");
  });
});

describe("StartQuery validation", () => {
  it("answers an unknown log group with ResourceNotFoundException", async () => {
    const error = await start("fields @message", [GROUP, "/nope"]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceNotFoundException);
    expect((error as Error).message).toContain("/nope");
  });

  it("takes log group ARNs as logGroupIdentifiers, and exactly one way of naming groups", async () => {
    const { queryId } = await client.send(
      new StartQueryCommand({
        logGroupIdentifiers: [`arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`],
        queryString: "fields @message",
        ...WINDOW,
      }),
    );
    const seen = await pollQuery(client, queryId ?? "");
    expect(seen[seen.length - 1].results).toHaveLength(40);
    await expect(
      client.send(new StartQueryCommand({ logGroupNames: [GROUP], logGroupIdentifiers: [GROUP], queryString: "fields @message", ...WINDOW })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it("refuses more than 50 log groups", async () => {
    const groups = Array.from({ length: 51 }, (_, i) => `/g/${i}`);
    for (const g of groups) server.putLogEvents(g, "s", [{ timestamp: T0, message: "x" }]);
    await expect(start("fields @message", groups)).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(start("fields @message", groups.slice(0, 50))).resolves.toBeTruthy();
  });

  it("treats startTime and endTime as inclusive epoch seconds", async () => {
    const { queryId } = await client.send(
      new StartQueryCommand({ logGroupNames: [GROUP], queryString: "fields @message", startTime: T0 / 1000 + 5, endTime: T0 / 1000 + 9 }),
    );
    const seen = await pollQuery(client, queryId ?? "");
    expect(seen[seen.length - 1].statistics?.recordsScanned).toBe(5);
  });
});

describe("log groups and PutLogEvents", () => {
  it("DescribeLogGroups lists by prefix, 50 a page", async () => {
    for (let i = 0; i < 60; i += 1) server.putLogEvents(`/aws/lambda/fn-${String(i).padStart(2, "0")}`, "s", [{ timestamp: T0, message: "x" }]);
    const names: string[] = [];
    for await (const page of paginateDescribeLogGroups({ client }, { logGroupNamePrefix: "/aws/lambda/" })) {
      expect((page.logGroups ?? []).length).toBeLessThanOrEqual(50);
      names.push(...(page.logGroups ?? []).map((g) => g.logGroupName ?? ""));
    }
    expect(names).toHaveLength(60);
    expect(names[0]).toBe("/aws/lambda/fn-00");
    const one = await client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: GROUP }));
    expect(one.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP]);
    expect(one.logGroups?.[0]?.arn).toBe(`arn:aws:logs:us-east-1:123456789012:log-group:${GROUP}:*`);
  });

  it("keeps PutLogEvents' rules: existing stream, chronological order, too-new events rejected", async () => {
    const now = Date.now();
    await expect(
      client.send(new PutLogEventsCommand({ logGroupName: GROUP, logStreamName: "missing", logEvents: [{ timestamp: now, message: "x" }] })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await client.send(new CreateLogStreamCommand({ logGroupName: GROUP, logStreamName: "live" }));
    await expect(
      client.send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: "live",
          logEvents: [
            { timestamp: now, message: "b" },
            { timestamp: now - 1000, message: "a" },
          ],
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    const out = await client.send(
      new PutLogEventsCommand({
        logGroupName: GROUP,
        logStreamName: "live",
        logEvents: [
          { timestamp: now, message: "ok" },
          { timestamp: now + 3 * 3_600_000, message: "from the future" },
        ],
      }),
    );
    expect(out.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 });
  });
});
