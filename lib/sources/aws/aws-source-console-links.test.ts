/**
 * AwsSource.consoleLinks over the wire: the links are built from the source's own clients,
 * log-group resolver and caches (one DescribeLogGroups per prefix for the links and the logs
 * search together), and still work when X-Ray does not answer.
 */
import { afterEach, describe, expect, it } from "vitest";
import { LAMBDA_TRACE_ID, SCOREKEEP_LAMBDA, fixtureSegments } from "../../../test/aws-server/sdk-clients";
import { type Harness, type HarnessOptions, id, inputOf, startHarness, until } from "./aws-test-setup";
import { traceLogsQuery } from "./logs-query";
import { MAX_CONSOLE_GROUPS } from "./trace-console-links";

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

const A = id(LAMBDA_TRACE_ID);
const A_START_MS = 1499473411562;

async function start(options: HarnessOptions = {}): Promise<Harness> {
  harness = await startHarness({ logGroups: "/app/*,/named/group", ...options });
  harness.server.putSegments(fixtureSegments(SCOREKEEP_LAMBDA));
  for (const group of ["/app/api", "/app/web", "/other/x"]) {
    harness.server.putLogEvents(group, "s", [{ timestamp: A_START_MS, message: `line of ${group}` }]);
  }
  return harness;
}

describe("AwsSource.consoleLinks", () => {
  it("links the trace and its logs query, with the trace's log groups, then the configured ones expanded", async () => {
    const h = await start();
    const links = await h.source.consoleLinks(A);
    expect(links).toMatchObject({
      traceId: A.hex,
      xrayTraceId: A.xray,
      region: "us-east-1",
      traceConsoleUrl: `https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#xray:traces/${A.xray}`,
      query: traceLogsQuery(A),
    });
    expect(links.regionNote).toBeUndefined();
    // The trace's own groups (its Lambda function's) come first; the prefix is expanded by DescribeLogGroups.
    expect(links.logGroups.slice(-3)).toEqual(["/app/api", "/app/web", "/named/group"]);
    expect(links.logGroups.length).toBeGreaterThan(3);
    expect(links.logGroups[0]).toMatch(/^\/aws\/lambda\//);
    expect(links.window.from).toBeLessThan(A_START_MS);
    expect(links.window.to).toBeGreaterThan(A_START_MS);
  });

  it("shares the source's resolver with the logs search: one DescribeLogGroups for both, within its TTL", async () => {
    const h = await start();
    await h.source.consoleLinks(A);
    await until(
      () => h.source.getTraceLogs(A),
      (r) => r.status !== "running",
    );
    await h.source.consoleLinks(A);
    expect(h.calls("DescribeLogGroups").map((c) => inputOf(c).logGroupNamePrefix)).toEqual(["/app/"]);
    // The links read the trace through the source's cache too: one BatchGetTraces in all.
    expect(h.calls("BatchGetTraces")).toHaveLength(1);
  });

  it("still links when X-Ray does not answer: the window is then around the ID's second", async () => {
    const h = await start();
    h.server.inject("BatchGetTraces", { kind: "accessDenied" });
    const links = await h.source.consoleLinks(A);
    expect(links.logGroups).toEqual(["/app/api", "/app/web", "/named/group"]);
    const second = A.epochSeconds * 1000;
    expect(links.window).toEqual({ from: second - 5 * 60_000, to: second + 15 * 60_000 });
  });

  it("takes 50 groups of a prefix at most for the links, and the logs search every one", async () => {
    const h = await start({ logGroups: "/many/*" });
    const groups = Array.from({ length: MAX_CONSOLE_GROUPS + 10 }, (_, i) => `/many/g${String(i).padStart(2, "0")}`);
    for (const group of groups) h.server.putLogEvents(group, "s", [{ timestamp: A_START_MS, message: "x" }]);
    h.server.inject("BatchGetTraces", { kind: "accessDenied" });
    const links = await h.source.consoleLinks(A);
    expect(links.logGroups).toEqual(groups.slice(0, MAX_CONSOLE_GROUPS));
    expect(links.logGroupsOmitted).toBeUndefined();
    await until(
      () => h.source.getTraceLogs(A),
      (r) => r.status !== "running",
    );
    // The narrow queries name the groups (60 expand in full: no wide query over the prefix).
    const searched = h.calls("StartQuery").flatMap((c) => (inputOf(c).logGroupNames as string[] | undefined) ?? []);
    expect(new Set(searched)).toEqual(new Set(groups));
  });

  it("names an AWS_REGION the console does not know, and links us-east-1", async () => {
    const h = await start({ source: { region: "moon-base" } });
    const links = await h.source.consoleLinks(A);
    expect(links.region).toBe("us-east-1");
    expect(links.regionNote).toBe('AWS_REGION "moon-base" is not a Region the console knows: the console links use us-east-1.');
  });
});
