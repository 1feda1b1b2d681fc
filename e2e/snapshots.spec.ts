/**
 * Snapshots in `aws` mode: save one from the trace page, let X-Ray and CloudWatch Logs forget the
 * trace, and the snapshot still renders it with its logs; rename, delete, export and re-import.
 */
import { readFile } from "node:fs/promises";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { clearAwsData } from "./support/aws-control";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { seedInAws } from "./support/xray-seed";

/** 6 spans, and X-Ray's inferred segment for the database call. */
const SPANS = 7;
const LOGS = 5;

test.describe.configure({ mode: "serial" });

async function seeded(): Promise<KnownTrace> {
  const known = buildKnownTrace();
  await seedInAws(known.spans, known.logs);
  return known;
}

/** Saves a snapshot through the API, as the proxy-authenticated user sre@example.com (the project sends its header). */
async function saved(request: APIRequestContext, title: string): Promise<{ id: string; known: KnownTrace }> {
  const known = await seeded();
  const res = await request.post("/api/snapshots", { data: { traceId: known.traceId, title, note: "" } });
  expect(res.status()).toBe(201);
  const body = await res.json();
  expect(body.logs).toMatchObject({ status: "complete", events: LOGS });
  return { id: body.id, known };
}

async function expectRendered(page: Page, known: KnownTrace) {
  await expect(page.getByTestId("span-row")).toHaveCount(SPANS);
  await expect(page.getByTestId("log-row")).toHaveCount(LOGS);
  await expect(page.getByTestId("xray-trace-id")).toHaveText(`1-${known.traceId.slice(0, 8)}-${known.traceId.slice(8)}`);
}

const row = (page: Page, id: string) => page.locator(`[data-testid="snapshot-row"][data-snapshot-id="${id}"]`);

test("a snapshot saved from the trace page still renders after the trace and its logs expire", async ({ page, request }) => {
  const known = await seeded();
  await page.goto(`/trace/${known.traceId}`);
  await expectRendered(page, known);

  await page.getByTestId("save-snapshot").click();
  await expect(page.getByTestId("snapshot-title")).toHaveValue("edge-api POST /checkout");
  await page.getByTestId("snapshot-title").fill("Checkout 502s at 02:47");
  await page.getByTestId("snapshot-note").fill("The acquirer answered 503; see the payment-svc lines.");
  await page.getByTestId("snapshot-submit").click();
  const link = page.getByTestId("snapshot-link");
  await expect(link).toHaveText(/^\/s\/[0-9a-f]{32}$/);
  const url = (await link.getAttribute("href"))!;
  await expect(page.getByTestId("snapshot-logs-status")).toHaveText(`${LOGS} log lines (complete)`);

  await clearAwsData();
  // The app caches a recent trace for 10 s: wait until X-Ray's answer reaches it.
  await expect.poll(async () => (await request.get(`/api/traces/${known.traceId}`)).status(), { timeout: 25_000 }).toBe(404);
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("trace-error")).toContainText("Trace not found");

  await page.goto(url);
  await expectRendered(page, known);
  await expect(page.getByTestId("snapshot-banner-text")).toHaveText(
    /^Snapshot · captured \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC from aws by sre@example.com · Checkout 502s at 02:47$/,
  );
  await expect(page.getByTestId("snapshot-note-text")).toHaveText("The acquirer answered 503; see the payment-svc lines.");
  await expect(page.getByTestId("snapshot-live-link")).toHaveAttribute("href", `/trace/${known.traceId}`);
  await expect(page.getByTestId("save-snapshot")).toHaveCount(0);

  // Read-only, not inert: selection and filters work, and live in the URL.
  const charge = page.locator(`[data-testid="span-row"][data-span-id="${known.ids.charge}"]`);
  await charge.click();
  await expect(charge).toHaveAttribute("data-selected", "true");
  for (const line of await page.locator(`[data-testid="log-row"][data-span-id="${known.ids.charge}"]`).all())
    await expect(line).toHaveAttribute("data-selected", "true");
  await page.locator('[data-testid="map-node"][data-service="payment-svc"]').click();
  await expect(page).toHaveURL(/service=payment-svc/);
  await expect(page.getByTestId("log-row")).toHaveCount(2);
  await page.reload();
  await expect(page.getByTestId("service-filter")).toHaveText("payment-svc");
});

test("snapshots are renamed and deleted from the list", async ({ page, request }) => {
  const { id } = await saved(request, "to be renamed");
  await page.goto("/snapshots");
  await expect(row(page, id)).toContainText("to be renamed");
  await expect(row(page, id)).toContainText("sre@example.com");

  await row(page, id).getByTestId("snapshot-rename").click();
  await row(page, id).getByTestId("snapshot-rename-input").fill("Renamed: payment outage");
  await row(page, id).getByTestId("snapshot-rename-save").click();
  await expect(row(page, id).getByTestId("snapshot-open")).toHaveText("Renamed: payment outage");
  expect((await (await request.get(`/api/snapshots/${id}`)).json()).snapshot.title).toBe("Renamed: payment outage");

  page.once("dialog", (dialog) => void dialog.accept());
  await row(page, id).getByTestId("snapshot-delete").click();
  await expect(row(page, id)).toHaveCount(0);
  expect((await request.get(`/api/snapshots/${id}`)).status()).toBe(404);
  await page.goto(`/s/${id}`);
  await expect(page.getByTestId("snapshot-error")).toContainText("Snapshot not found");
});

test("an exported snapshot imports as a new snapshot that renders the same trace", async ({ page, request }) => {
  const { id, known } = await saved(request, "to export");
  await page.goto("/snapshots");
  const [download] = await Promise.all([page.waitForEvent("download"), row(page, id).getByTestId("snapshot-export").click()]);
  expect(download.suggestedFilename()).toBe(`sightline-snapshot-${id}.json`);
  const buffer = await readFile((await download.path())!);
  expect(JSON.parse(buffer.toString("utf8")).sightlineSnapshot).toBe(1);

  await clearAwsData();
  const before = new Set<string>((await (await request.get("/api/snapshots")).json()).snapshots.map((s: { id: string }) => s.id));
  await page.getByTestId("snapshot-import").setInputFiles({ name: download.suggestedFilename(), mimeType: "application/json", buffer });
  await expect(page.getByTestId("snapshot-import-message")).toHaveText(`Imported ${download.suggestedFilename()}.`);
  const after: { id: string; title: string }[] = (await (await request.get("/api/snapshots")).json()).snapshots;
  const imported = after.filter((s) => !before.has(s.id));
  expect(imported.map((s) => s.title)).toEqual(["to export"]);
  await expect(row(page, imported[0].id)).toBeVisible();

  await page.goto(`/s/${imported[0].id}`);
  await expectRendered(page, known);
  await expect(page.getByTestId("snapshot-banner-text")).toContainText("from aws by sre@example.com · to export");

  // A file that is not an export is refused, naming what is wrong, and nothing is stored.
  await page.goto("/snapshots");
  const broken = JSON.parse(buffer.toString("utf8"));
  broken.payload.trace.spans[0].startTime = "yesterday";
  await page.getByTestId("snapshot-import").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
  await expect(page.getByTestId("snapshot-import-message")).toContainText("payload.trace.spans.0.startTime");
  expect((await (await request.get("/api/snapshots")).json()).snapshots).toHaveLength(after.length);
});

test("the snapshot API validates its input and names the field", async ({ request }) => {
  const post = (data: unknown) => request.post("/api/snapshots", { data });
  const error = async (res: Awaited<ReturnType<typeof post>>) => ({ status: res.status(), ...(await res.json()).error });
  expect(await error(await post({ traceId: "nope", title: "x" }))).toMatchObject({ status: 400, code: "invalid_trace_id" });
  expect(await error(await post({ traceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789", title: "" }))).toMatchObject({
    status: 400,
    message: "title: must not be empty",
  });
  expect(await error(await post({ traceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789", title: "x".repeat(201) }))).toMatchObject({
    status: 400,
    code: "invalid_title",
  });
  expect(await error(await post({ traceId: "1-5f3a3e12-89b4a5c6d7e8f90123456789", title: "gone" }))).toMatchObject({ status: 404, code: "trace_not_found" });
  expect(await error(await request.get("/api/snapshots/not-an-id"))).toMatchObject({ status: 400, code: "invalid_snapshot_id" });
  expect(await error(await request.get(`/api/snapshots/${"0".repeat(32)}`))).toMatchObject({ status: 404, code: "snapshot_not_found" });
  expect(await error(await request.patch(`/api/snapshots/${"0".repeat(32)}`, { data: {} }))).toMatchObject({
    status: 400,
    message: "body: give title, note or both",
  });
  expect(await error(await request.post("/api/snapshots/import", { data: { hello: 1 } }))).toMatchObject({ status: 400, code: "invalid_sightlineSnapshot" });
});
