/**
 * CloudWatch cross-account observability over the wire: Sightline runs in a monitoring account;
 * LOG_GROUPS names a linked source account's group by ARN. The narrow pass then sends
 * logGroupIdentifiers (names and ARNs), the lines found there carry their account, the wide pass
 * over the account (SOURCE logGroups()) finds the linked account's lines too, and the console
 * link's log groups name the group by its ARN.
 */
import { afterEach, describe, expect, it } from "vitest";
import type { LogsResult } from "../../model";
import { type Harness, type HarnessOptions, id, inputOf, startHarness, until } from "./aws-test-setup";
import { decodeConsoleHash } from "./console-links";

const XRAY = "1-5f3a3e12-89b4a5c6d7e8f90123456789";
const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const T0 = 0x5f3a3e12 * 1000;
const ID = id(XRAY);
const MONITORING = "123456789012";
const SOURCE_ACCOUNT = "111122223333";
const LEDGER_ARN = `arn:aws:logs:us-east-1:${SOURCE_ACCOUNT}:log-group:/ecs/ledger`;

const OWN_LINE = JSON.stringify({ traceId: HEX, msg: "order placed" });
// trace_id: a form the traceId index does not cover, so only the narrow pass (the ARN) finds it.
const LINKED_LINE = JSON.stringify({ trace_id: XRAY, msg: "ledger entry written" });
const LINKED_INDEXED = JSON.stringify({ traceId: HEX, msg: "ledger indexed" });

let harness: Harness | null = null;

afterEach(async () => {
  await harness?.close();
  harness = null;
});

async function start(options: HarnessOptions & { linked: boolean; logScope?: "groups" | "account" }): Promise<Harness> {
  const { linked, logScope, ...rest } = options;
  harness = await startHarness({ ...rest, source: { traceStore: "xray", ...(logScope ? { logScope } : {}) } });
  const { server } = harness;
  if (linked) server.configure({ linkedAccounts: [SOURCE_ACCOUNT] });
  server.putLogEvents("/ecs/orders", "s", [{ timestamp: T0 + 10, message: OWN_LINE }]);
  server.putLogEvents(
    "/ecs/ledger",
    "s",
    [
      { timestamp: T0 + 20, message: LINKED_LINE },
      { timestamp: T0 + 30, message: LINKED_INDEXED },
    ],
    "STANDARD",
    SOURCE_ACCOUNT,
  );
  return harness;
}

function logsOf(h: Harness): Promise<LogsResult> {
  return until(
    () => h.source.getTraceLogs(ID),
    (r) => r.status !== "running",
  );
}

describe("a linked source account's log group, named by ARN in LOG_GROUPS", () => {
  it("is searched with logGroupIdentifiers, and its lines carry their account", async () => {
    const h = await start({ logGroups: `/ecs/orders,${LEDGER_ARN}:*`, linked: true });
    const done = await logsOf(h);
    expect(done.status).toBe("complete");
    expect(done.events.map((e) => [e.message, e.logGroup, e.account])).toEqual([
      [OWN_LINE, "/ecs/orders", MONITORING],
      [LINKED_LINE, "/ecs/ledger", SOURCE_ACCOUNT],
      [LINKED_INDEXED, "/ecs/ledger", SOURCE_ACCOUNT],
    ]);
    const starts = h.calls("StartQuery").map(inputOf);
    expect(starts.length).toBeGreaterThan(0);
    for (const s of starts) {
      expect(s.logGroupNames).toBeUndefined();
      expect(s.logGroupIdentifiers).toEqual(["/ecs/orders", LEDGER_ARN]);
    }
  });

  it("names only: logGroupNames as before", async () => {
    const h = await start({ logGroups: "/ecs/orders", linked: true });
    await logsOf(h);
    for (const s of h.calls("StartQuery").map(inputOf)) expect(s.logGroupNames).toEqual(["/ecs/orders"]);
  });

  it("an account that is not linked: the group is reported missing, the own group is still searched", async () => {
    const h = await start({ logGroups: `/ecs/orders,${LEDGER_ARN}`, linked: false });
    const done = await logsOf(h);
    expect(done.events.map((e) => e.message)).toEqual([OWN_LINE]);
    expect(done.message).toContain(LEDGER_ARN);
  });

  it("the wide pass over the account (LOG_SCOPE=account) finds the linked account's indexed lines too", async () => {
    const h = await start({ logGroups: "/ecs/orders", logScope: "account", linked: true });
    const done = await logsOf(h);
    expect(done.events.map((e) => [e.message, e.account, e.pass])).toEqual([
      [OWN_LINE, MONITORING, "narrow"],
      [LINKED_INDEXED, SOURCE_ACCOUNT, "wide"],
    ]);
  });

  it("the console link's Logs Insights query names the group by its ARN", async () => {
    const h = await start({ logGroups: `/ecs/orders,${LEDGER_ARN}`, linked: true });
    const links = await h.source.consoleLinks(ID);
    expect(links.logGroups).toEqual(["/ecs/orders", LEDGER_ARN]);
    const hash = links.logsInsightsConsoleUrl.split("#logsV2:logs-insights")[1];
    expect(decodeConsoleHash(hash)).toContain(`source~(~'*2Fecs*2Forders~'arn*3Aaws*3Alogs*3Aus-east-1*3A${SOURCE_ACCOUNT}*3Alog-group*3A*2Fecs*2Fledger)`);
  });
});

describe("a trace that crosses accounts", () => {
  const segment = (id: string, name: string, account: string, extra: Record<string, unknown> = {}) => ({
    id,
    trace_id: XRAY,
    name,
    start_time: T0 / 1000 + 0.005,
    end_time: T0 / 1000 + 0.05,
    origin: "AWS::ECS::Container",
    aws: { account_id: account, ...(extra.aws as object) },
    ...Object.fromEntries(Object.entries(extra).filter(([k]) => k !== "aws")),
  });

  it("searches the groups its segments name by their ARNs, so a source account's group is found", async () => {
    const h = await start({ logGroups: "/ecs/orders", linked: true });
    h.server.putSegments([
      segment("1000000000000001", "orders", MONITORING, {
        aws: { cloudwatch_logs: [{ log_group: "/ecs/orders", arn: `arn:aws:logs:us-east-1:${MONITORING}:log-group:/ecs/orders:*` }] },
      }),
      segment("2000000000000001", "ledger", SOURCE_ACCOUNT, {
        parent_id: "1000000000000001",
        aws: { cloudwatch_logs: [{ log_group: "/ecs/ledger", arn: `${LEDGER_ARN}:*` }] },
      }),
    ]);
    const done = await logsOf(h);
    expect(done.message).toBeUndefined();
    expect(done.events.map((e) => [e.message, e.account])).toEqual([
      [OWN_LINE, MONITORING],
      [LINKED_LINE, SOURCE_ACCOUNT],
      [LINKED_INDEXED, SOURCE_ACCOUNT],
    ]);
    const identifiers = h.calls("StartQuery").flatMap((c) => (inputOf(c).logGroupIdentifiers as string[] | undefined) ?? []);
    expect(identifiers).toContain(LEDGER_ARN);
  });

  it("in one account, the groups stay names (as before)", async () => {
    const h = await start({ logGroups: "/ecs/orders", linked: true });
    h.server.putSegments([
      segment("1000000000000001", "orders", MONITORING, {
        aws: { cloudwatch_logs: [{ log_group: "/ecs/orders", arn: `arn:aws:logs:us-east-1:${MONITORING}:log-group:/ecs/orders:*` }] },
      }),
    ]);
    await logsOf(h);
    for (const s of h.calls("StartQuery").map(inputOf)) expect(s.logGroupIdentifiers).toBeUndefined();
  });
});
