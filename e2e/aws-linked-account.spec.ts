/**
 * aws mode, issue 13 "Linked accounts": Sightline runs in a monitoring account of CloudWatch
 * cross-account observability. One service (audit-svc) runs in a linked source account: its
 * X-Ray segment carries that account, and its log group lives there, named in LOG_GROUPS by ARN.
 * The trace page shows its line, and the line's details name its account; the span's details
 * name the segment's account. Its own aws-mode app (LOG_GROUPS with the ARN), against the shared
 * AWS test server, with the source account linked.
 */
import { rmSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { awsTestEnv } from "./support/aws-env";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { AWS_CONTROL_PORT, LINKED_APP_PORT } from "./support/ports";
import { seedInAws } from "./support/xray-seed";

test.describe.configure({ mode: "serial" });

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const MONITORING = "123456789012";
const SOURCE_ACCOUNT = "210987654321";
const LINKED_GROUP = "/sightline-linked/audit";
const LINKED_ARN = `arn:aws:logs:us-east-1:${SOURCE_ACCOUNT}:log-group:${LINKED_GROUP}`;

let server: AppServer | undefined;
let known: KnownTrace;

const configure = async (settings: object) => {
  const res = await fetch(`${control}/configure`, { method: "POST", body: JSON.stringify(settings) });
  expect(res.status).toBe(204);
};

test.beforeAll(async () => {
  await configure({ linkedAccounts: [SOURCE_ACCOUNT] });
  known = buildKnownTrace();
  await seedInAws(known.spans, known.logs, {
    logGroupOf: (service) => (service === "audit-svc" ? LINKED_GROUP : `/sightline-e2e/${service}`),
    accountOfGroup: (group) => (group === LINKED_GROUP ? SOURCE_ACCOUNT : undefined),
    adjustSegment: (doc) => {
      const segment = doc as { name: string };
      return { ...segment, aws: { account_id: segment.name === "audit-svc" ? SOURCE_ACCOUNT : MONITORING } };
    },
  });
  const dataDir = `test-results/linked-data-${LINKED_APP_PORT}`;
  rmSync(dataDir, { recursive: true, force: true });
  // The trailing :* as DescribeLogGroups and the console show a log group's ARN.
  server = await startAppServer(LINKED_APP_PORT, awsTestEnv(dataDir, { LOG_GROUPS: `/sightline-e2e/*,${LINKED_ARN}:*` }));
});

test.afterAll(async () => {
  await configure({ linkedAccounts: [] });
  if (server) {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
});

test("the logs API gives the linked account's line with its account, found by naming the group's ARN", async ({ request }) => {
  let body: { status: string; events: { message: string; logGroup: string; account?: string }[] } | undefined;
  await expect(async () => {
    body = await (await request.get(`${server!.url}/api/traces/${known.traceId}/logs?waitMs=2000`)).json();
    expect(body!.status).toBe("complete");
  }).toPass({ timeout: 20_000 });
  const audit = body!.events.find((e) => e.message.includes("audit entry written"));
  expect(audit).toMatchObject({ logGroup: LINKED_GROUP, account: SOURCE_ACCOUNT });
  const gateway = body!.events.find((e) => e.message.includes("checkout received"));
  expect(gateway).toMatchObject({ account: MONITORING });
  expect(body!.events).toHaveLength(known.logs.length);
});

test("the trace page names the account of each line, and of each span", async ({ page }) => {
  await page.goto(`${server!.url}/trace/${known.traceId}`);
  const audit = page.getByTestId("log-row").filter({ hasText: "audit entry written" });
  await expect(audit).toBeVisible({ timeout: 20_000 });
  await audit.getByRole("button", { name: "Expand log line" }).click();
  await expect(audit.getByTestId("log-account")).toHaveText(SOURCE_ACCOUNT);
  const gateway = page.getByTestId("log-row").filter({ hasText: "checkout received" });
  await gateway.getByRole("button", { name: "Expand log line" }).click();
  await expect(gateway.getByTestId("log-account")).toHaveText(MONITORING);

  await page.locator(`[data-testid="span-row"][data-span-id="${known.ids.audit}"]`).click();
  await expect(page.getByTestId("span-details")).toContainText("cloud.account.id");
  await expect(page.getByTestId("span-details")).toContainText(SOURCE_ACCOUNT);
});
