/**
 * CloudWatch cross-account observability in the test server: log groups of another account
 * (seeded with its ID), seen by this account (the monitoring account) only when that account is
 * linked (settings.linkedAccounts). StartQuery's logGroupIdentifiers takes names (this account)
 * and ARNs (any account it sees); `@log` carries each line's account; `SOURCE logGroups()` selects
 * the linked accounts' groups too.
 */
import { DescribeLogGroupsCommand, type StartQueryCommandInput } from "@aws-sdk/client-cloudwatch-logs";
import { describe, expect, it } from "vitest";
import { traceLogsQuery, wideTraceLogsQuery } from "../../lib/sources/aws/logs-query";
import { HEX, ID, T0, logsServerPerTest, runQuery } from "./logs-helpers";
import { ACCOUNT_ID } from "./types";

const SOURCE_ACCOUNT = "111122223333";
const LEDGER_ARN = `arn:aws:logs:us-east-1:${SOURCE_ACCOUNT}:log-group:/ecs/ledger`;

const t = logsServerPerTest((server) => {
  server.putLogEvents("/ecs/orders", "s", [{ timestamp: T0 + 10, message: JSON.stringify({ traceId: HEX, msg: "own account" }) }]);
  server.putLogEvents(
    "/ecs/ledger",
    "s",
    [{ timestamp: T0 + 20, message: JSON.stringify({ traceId: HEX, msg: "source account" }) }],
    "STANDARD",
    SOURCE_ACCOUNT,
  );
});

async function run(input: Partial<StartQueryCommandInput>, queryString = traceLogsQuery(ID)): Promise<Record<string, string>[]> {
  return (await runQuery(t.client, { queryString, ...input })).rows;
}

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: Error) => e,
  );

describe("a log group in a linked source account", () => {
  it("is queried by ARN from the monitoring account, and @log names its account", async () => {
    t.server.configure({ linkedAccounts: [SOURCE_ACCOUNT] });
    const rows = await run({ logGroupIdentifiers: ["/ecs/orders", LEDGER_ARN] });
    expect(rows.map((r) => r["@log"])).toEqual([`${ACCOUNT_ID}:/ecs/orders`, `${SOURCE_ACCOUNT}:/ecs/ledger`]);
    // The trailing :* of DescribeLogGroups' arn is accepted too.
    expect((await run({ logGroupIdentifiers: [`${LEDGER_ARN}:*`] })).map((r) => r["@log"])).toEqual([`${SOURCE_ACCOUNT}:/ecs/ledger`]);
  });

  it("is not found when the account is not linked, nor by name, nor by an ARN of another region", async () => {
    const unlinked = await errorOf(run({ logGroupIdentifiers: [LEDGER_ARN] }));
    expect(unlinked?.name).toBe("ResourceNotFoundException");
    expect(unlinked?.message).toContain(`'${LEDGER_ARN}'`);
    t.server.configure({ linkedAccounts: [SOURCE_ACCOUNT] });
    expect((await errorOf(run({ logGroupNames: ["/ecs/ledger"] })))?.name).toBe("ResourceNotFoundException");
    expect((await errorOf(run({ logGroupIdentifiers: ["/ecs/ledger"] })))?.name).toBe("ResourceNotFoundException");
    const otherRegion = LEDGER_ARN.replace("us-east-1", "eu-west-1");
    expect((await errorOf(run({ logGroupIdentifiers: [otherRegion] })))?.name).toBe("ResourceNotFoundException");
  });

  it("refuses logGroupNames and logGroupIdentifiers together", async () => {
    const both = await errorOf(run({ logGroupNames: ["/ecs/orders"], logGroupIdentifiers: ["/ecs/orders"] }));
    expect(both?.name).toBe("InvalidParameterException");
  });

  it("is selected by SOURCE logGroups() only when linked", async () => {
    const wide = wideTraceLogsQuery(ID, { kind: "account" });
    expect((await run({}, wide)).map((r) => r["@log"])).toEqual([`${ACCOUNT_ID}:/ecs/orders`]);
    t.server.configure({ linkedAccounts: [SOURCE_ACCOUNT] });
    expect((await run({}, wide)).map((r) => r["@log"])).toEqual([`${ACCOUNT_ID}:/ecs/orders`, `${SOURCE_ACCOUNT}:/ecs/ledger`]);
    const prefixed = wideTraceLogsQuery(ID, { kind: "prefixes", prefixes: ["/ecs/l"] });
    expect((await run({}, prefixed)).map((r) => r["@log"])).toEqual([`${SOURCE_ACCOUNT}:/ecs/ledger`]);
  });

  it("is not listed by DescribeLogGroups of the own account", async () => {
    t.server.configure({ linkedAccounts: [SOURCE_ACCOUNT] });
    const listed = await t.client.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: "/ecs/" }));
    expect(listed.logGroups?.map((g) => g.logGroupName)).toEqual(["/ecs/orders"]);
  });
});
