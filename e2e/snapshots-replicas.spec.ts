/**
 * Two replicas, one snapshot store (issue 12): both in `aws` mode with
 * SNAPSHOT_STORE=s3://…/<prefix> and SSE-KMS, against the one AWS test server, each with its own
 * DATA_DIR. A snapshot saved on A opens on B, is renamed on B and shows renamed on A, is deleted
 * on A and is gone (404) on B; an export from B imports on A. The test server's record of the S3
 * calls shows the encryption every write asked for, and only the five S3 operations of the IAM
 * policy.
 */
import { rmSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { awsTestEnv } from "./support/aws-env";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { AWS_CONTROL_PORT, REPLICA_A_PORT, REPLICA_B_PORT } from "./support/ports";
import { seedInAws } from "./support/xray-seed";

test.describe.configure({ mode: "serial" });

const control = `http://127.0.0.1:${AWS_CONTROL_PORT}`;
const BUCKET = "sightline-e2e-snapshots";
const PREFIX = `replicas-${Date.now()}`;
const KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/0b1e2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
/** 6 spans, and X-Ray's inferred segment for the database call. */
const SPANS = 7;
const LOGS = 5;

interface S3Call {
  op: string;
  input: { Bucket?: string; Key?: string; Prefix?: string; ServerSideEncryption?: string; SSEKMSKeyId?: string };
}

let a: AppServer | undefined;
let b: AppServer | undefined;

function replica(port: number, name: string): Promise<AppServer> {
  const dataDir = `test-results/replica-${name}-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  return startAppServer(
    port,
    awsTestEnv(dataDir, {
      SNAPSHOT_STORE: `s3://${BUCKET}/${PREFIX}`,
      SNAPSHOT_S3_SSE: "aws:kms",
      SNAPSHOT_S3_KMS_KEY_ID: KMS_KEY,
    }),
  );
}

test.beforeAll(async () => {
  const created = await fetch(`${control}/buckets`, { method: "POST", body: JSON.stringify({ name: BUCKET }) });
  expect(created.status, "control /buckets").toBe(204);
  [a, b] = await Promise.all([replica(REPLICA_A_PORT, "a"), replica(REPLICA_B_PORT, "b")]);
});

test.afterAll(async () => {
  for (const server of [a, b]) server?.process.kill("SIGTERM");
  await Promise.all([a, b].map((server) => (server ? waitForExit(server.process) : undefined)));
});

/** The S3 calls of this journey's prefix, as the AWS test server recorded them. */
async function s3Calls(): Promise<S3Call[]> {
  const calls = (await (await fetch(`${control}/calls`)).json()) as S3Call[];
  return calls.filter((c) => c.input?.Bucket === BUCKET && (c.input.Key ?? c.input.Prefix ?? "").startsWith(PREFIX));
}

async function seeded(): Promise<KnownTrace> {
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  return known;
}

const row = (page: Page, id: string) => page.locator(`[data-testid="snapshot-row"][data-snapshot-id="${id}"]`);

test("a snapshot saved on replica A opens on B, is renamed on B and shows renamed on A, is deleted on A and is gone on B", async ({ page }) => {
  const known = await seeded();
  await page.goto(`${a!.url}/trace/${known.traceId}`);
  await expect(page.getByTestId("span-row")).toHaveCount(SPANS);
  await page.getByTestId("save-snapshot").click();
  await page.getByTestId("snapshot-title").fill("Saved on A");
  await page.getByTestId("snapshot-submit").click();
  const link = page.getByTestId("snapshot-link");
  await expect(link).toHaveText(/^\/s\/[0-9a-f]{32}$/);
  const href = (await link.getAttribute("href"))!;
  const id = href.slice("/s/".length);

  // B has nothing of its own: it reads A's snapshot from the bucket.
  await page.goto(`${b!.url}${href}`);
  await expect(page.getByTestId("span-row")).toHaveCount(SPANS);
  await expect(page.getByTestId("log-row")).toHaveCount(LOGS);
  await expect(page.getByTestId("xray-trace-id")).toHaveText(`1-${known.traceId.slice(0, 8)}-${known.traceId.slice(8)}`);
  await expect(page.getByTestId("snapshot-banner-text")).toHaveText(/ from aws by unknown · Saved on A$/);

  await page.goto(`${b!.url}/snapshots`);
  await row(page, id).getByTestId("snapshot-rename").click();
  await row(page, id).getByTestId("snapshot-rename-input").fill("Renamed on B");
  await row(page, id).getByTestId("snapshot-rename-save").click();
  await expect(row(page, id).getByTestId("snapshot-open")).toHaveText("Renamed on B");

  await page.goto(`${a!.url}/snapshots`);
  await expect(row(page, id).getByTestId("snapshot-open")).toHaveText("Renamed on B");
  await page.goto(`${a!.url}${href}`);
  await expect(page.getByTestId("snapshot-banner-text")).toHaveText(/ · Renamed on B$/);

  await page.goto(`${a!.url}/snapshots`);
  page.once("dialog", (dialog) => void dialog.accept());
  await row(page, id).getByTestId("snapshot-delete").click();
  await expect(row(page, id)).toHaveCount(0);

  const api = await page.request.get(`${b!.url}/api/snapshots/${id}`);
  expect(api.status()).toBe(404);
  expect((await api.json()).error.code).toBe("snapshot_not_found");
  const opened = await page.goto(`${b!.url}${href}`);
  expect(opened?.status()).toBe(404);
  await expect(page.getByTestId("snapshot-error")).toContainText("Snapshot not found");
  await page.goto(`${b!.url}/snapshots`);
  await expect(page.getByTestId("snapshot-row")).toHaveCount(0);

  const calls = await s3Calls();
  const puts = calls.filter((c) => c.op === "PutObject");
  // The save on A and the rename on B, each encrypted with the configured key.
  expect(puts.map((c) => c.input.Key)).toEqual([`${PREFIX}/${id}.json.gz`, `${PREFIX}/${id}.json.gz`]);
  for (const put of puts) expect(put.input).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KMS_KEY });
  expect(calls.filter((c) => c.op === "DeleteObject").map((c) => c.input.Key)).toEqual([`${PREFIX}/${id}.json.gz`]);
  expect([...new Set(calls.map((c) => c.op))].sort()).toEqual(["DeleteObject", "GetObject", "HeadObject", "ListObjectsV2", "PutObject"]);
});

test("a snapshot exported from B imports on A and lists on both; both replicas are ready with the bucket", async ({ request }) => {
  const known = await seeded();
  const saved = await request.post(`${b!.url}/api/snapshots`, { data: { traceId: known.traceId, title: "Exported from B", note: "for the postmortem" } });
  expect(saved.status()).toBe(201);
  const { id } = (await saved.json()) as { id: string };
  const exported = await request.get(`${b!.url}/api/snapshots/${id}/export`);
  expect(exported.status()).toBe(200);

  const imported = await request.post(`${a!.url}/api/snapshots/import`, { data: await exported.json() });
  expect(imported.status()).toBe(201);
  const copy = ((await imported.json()) as { id: string }).id;
  expect(copy).not.toBe(id);

  for (const server of [a!, b!]) {
    const list = (await (await request.get(`${server.url}/api/snapshots`)).json()) as { snapshots: { id: string; title: string; note: string }[] };
    expect(list.snapshots.filter((s) => s.id === id || s.id === copy).map((s) => [s.id, s.title, s.note])).toEqual(
      expect.arrayContaining([
        [id, "Exported from B", "for the postmortem"],
        [copy, "Exported from B", "for the postmortem"],
      ]),
    );
    const ready = await request.get(`${server.url}/api/ready`);
    expect(ready.status()).toBe(200);
    expect((await ready.json()).checks).toMatchObject({ snapshots: true, snapshotStore: { store: "s3", reachable: true } });
  }
  const copyObject = (await s3Calls()).filter((c) => c.op === "PutObject" && c.input.Key === `${PREFIX}/${copy}.json.gz`);
  expect(copyObject).toHaveLength(1);
  expect(copyObject[0].input).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: KMS_KEY });
});
