/**
 * Cross-site requests and password guessing (issue 15), on the production build with
 * AUTH_MODE=basic, in its own server (the pattern of access.spec.ts).
 *
 * A hostile page, served on a second loopback origin (http://localhost:<port>, another site than
 * http://127.0.0.1:<port>), tries every state-changing route while the user is signed in: form
 * posts (text/plain with a crafted JSON body, urlencoded, multipart), fetch with no-cors and with
 * CORS, sendBeacon, a link's ping, images and prefetch links. Nothing changes: the snapshot list
 * is the same afterwards. The app's own pages still save and import snapshots.
 * Then a guesser: 10 wrong passwords from one address, a 429 with Retry-After, and the real user
 * still signs in from another address (127.0.0.2).
 */
import { rmSync } from "node:fs";
import http from "node:http";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { logsRequest, tracesRequest } from "./support/otlp-json";
import { CROSS_SITE_PORT, HOSTILE_PORT } from "./support/ports";

test.describe.configure({ mode: "serial" });

const USER = "sre";
const PASSWORD = "correct horse battery staple";
const TOKEN = "ingest-token-for-the-cross-site-run";
const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
const SIGNED_IN = { authorization: basicAuth(USER, PASSWORD) };
const APP = `http://127.0.0.1:${CROSS_SITE_PORT}`;
const HOSTILE = `http://localhost:${HOSTILE_PORT}`;

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** The hostile site: one page that runs every attack and reports what it could observe. */
function hostilePage(trace: string, victim: string, exported: string): string {
  // text/plain forms send `name=value`: the JSON is split where an "=" lands inside a string.
  const createJson = JSON.stringify({ traceId: trace, title: "forged-form", note: "x" });
  const [createName, createValue] = [createJson.slice(0, createJson.indexOf('"x"') + 2), createJson.slice(createJson.indexOf('"x"') + 2)];
  const forgedExport = exported.replace('"title":"evidence"', '"title":"forged-import"');
  const cut = forgedExport.indexOf('"forged-import') + '"forged-import'.length;
  const patchJson = JSON.stringify({ title: "forged-patch", note: "x" });
  const patchCut = patchJson.indexOf('"x"') + 2;
  const forms: { action: string; enctype: string; fields: [string, string][] }[] = [
    { action: `${APP}/api/snapshots`, enctype: "text/plain", fields: [[createName, createValue]] },
    { action: `${APP}/api/snapshots/import`, enctype: "text/plain", fields: [[forgedExport.slice(0, cut), forgedExport.slice(cut)]] },
    {
      action: `${APP}/api/snapshots`,
      enctype: "application/x-www-form-urlencoded",
      fields: [
        ["traceId", trace],
        ["title", "forged-urlencoded"],
      ],
    },
    { action: `${APP}/api/snapshots/import`, enctype: "multipart/form-data", fields: [["file", forgedExport]] },
    { action: `${APP}/api/snapshots/${victim}?_method=PATCH`, enctype: "text/plain", fields: [[patchJson.slice(0, patchCut), patchJson.slice(patchCut)]] },
    { action: `${APP}/api/snapshots/${victim}?_method=DELETE`, enctype: "application/x-www-form-urlencoded", fields: [["_method", "DELETE"]] },
    { action: `${APP}/api/traces/${trace}/logs?_method=DELETE`, enctype: "text/plain", fields: [["x", "y"]] },
  ];
  const formHtml = forms
    .map(
      (f, i) =>
        `<iframe name="sink${i}"></iframe><form id="form${i}" method="POST" action="${attr(f.action)}" enctype="${f.enctype}" target="sink${i}">${f.fields.map(([n, v]) => `<input type="hidden" name="${attr(n)}" value="${attr(v)}">`).join("")}</form>`,
    )
    .join("\n");
  const createBody = JSON.stringify({ traceId: trace, title: "forged-fetch", note: "" });
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cute cats</title>
<link rel="prefetch" href="${APP}/api/snapshots/import"><link rel="preload" as="fetch" href="${APP}/api/snapshots/${victim}?method=DELETE">
</head><body><h1>Cute cats</h1>
<img src="${APP}/api/snapshots/${victim}?method=DELETE"><img src="${APP}/api/snapshots/import?traceId=${trace}">
<a id="ping" href="#clicked" ping="${APP}/api/snapshots">cats</a>
${formHtml}
<script>
const APP = ${JSON.stringify(APP)};
const results = {};
const settle = (p) => p.then((r) => (r.type === "opaque" ? "opaque" : "readable " + r.status), (e) => "blocked: " + e.name);
const wait = (ms) => new Promise((r) => setTimeout(r, ms));
async function run() {
  for (let i = 0; i < ${forms.length}; i++) {
    const frame = document.querySelector('iframe[name="sink' + i + '"]');
    const loaded = new Promise((r) => { frame.addEventListener("load", r, { once: true }); setTimeout(r, 4000); });
    document.getElementById("form" + i).submit();
    await loaded;
    results["form" + i] = "sent";
  }
  const body = ${JSON.stringify(createBody)};
  const exported = ${JSON.stringify(forgedExport)};
  results.noCorsCreate = await settle(fetch(APP + "/api/snapshots", { method: "POST", mode: "no-cors", credentials: "include", headers: { "content-type": "text/plain" }, body }));
  results.noCorsImport = await settle(fetch(APP + "/api/snapshots/import", { method: "POST", mode: "no-cors", credentials: "include", body: exported }));
  results.noCorsDelete = await settle(Promise.resolve().then(() => fetch(APP + "/api/snapshots/${victim}", { method: "DELETE", mode: "no-cors", credentials: "include" })));
  results.corsCreate = await settle(fetch(APP + "/api/snapshots", { method: "POST", credentials: "include", headers: { "content-type": "application/json" }, body }));
  results.corsPatch = await settle(fetch(APP + "/api/snapshots/${victim}", { method: "PATCH", credentials: "include", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "forged-cors" }) }));
  results.corsDelete = await settle(fetch(APP + "/api/snapshots/${victim}", { method: "DELETE", credentials: "include" }));
  results.corsDeleteLogs = await settle(fetch(APP + "/api/traces/${trace}/logs", { method: "DELETE", credentials: "include" }));
  try { results.beaconText = navigator.sendBeacon(APP + "/api/snapshots", new Blob([body], { type: "text/plain" })); } catch (e) { results.beaconText = "threw " + e.name; }
  try { results.beaconJson = navigator.sendBeacon(APP + "/api/snapshots/import", new Blob([exported], { type: "application/json" })); } catch (e) { results.beaconJson = "threw " + e.name; }
  document.getElementById("ping").click();
  await wait(1500);
  window.__results = results;
  window.__done = true;
}
run();
</script></body></html>`;
}

/** Auto-submits one text/plain form at the top level: the answer is then the page, for the test to read. */
function topLevelPage(trace: string): string {
  const json = JSON.stringify({ traceId: trace, title: "forged-top-level", note: "x" });
  const cut = json.indexOf('"x"') + 2;
  return `<!DOCTYPE html><html><body><form id="f" method="POST" action="${APP}/api/snapshots" enctype="text/plain"><input type="hidden" name="${attr(json.slice(0, cut))}" value="${attr(json.slice(cut))}"></form><script>document.getElementById("f").submit();</script></body></html>`;
}

test.describe("cross-site requests and password guessing (AUTH_MODE=basic)", () => {
  let server: AppServer | undefined;
  let hostile: http.Server | undefined;
  let api: APIRequestContext;
  let known: KnownTrace;
  let victim = "";
  let exported = "";
  const hostileRequests: string[] = [];

  test.beforeAll(async () => {
    const dataDir = `test-results/cross-site-data-${CROSS_SITE_PORT}`;
    rmSync(dataDir, { recursive: true, force: true });
    server = await startAppServer(CROSS_SITE_PORT, {
      DATA_DIR: dataDir,
      RETENTION_DAYS: "36500",
      AUTH_MODE: "basic",
      AUTH_BASIC_USER: USER,
      AUTH_BASIC_PASSWORD: PASSWORD,
      INGEST_TOKEN: TOKEN,
    });
    api = await playwrightRequest.newContext({ baseURL: server.url, extraHTTPHeaders: SIGNED_IN });
    known = buildKnownTrace();
    expect((await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: { authorization: `Bearer ${TOKEN}` } })).status()).toBe(200);
    expect((await api.post("/v1/logs", { data: logsRequest(known.logs), headers: { authorization: `Bearer ${TOKEN}` } })).status()).toBe(200);
    const created = await api.post("/api/snapshots", { data: { traceId: known.traceId, title: "evidence", note: "" } });
    expect(created.status()).toBe(201);
    victim = (await created.json()).id;
    exported = await (await api.get(`/api/snapshots/${victim}/export`)).text();
    hostile = http.createServer((req, res) => {
      hostileRequests.push(`${req.method} ${req.url}`);
      const html = req.url === "/top" ? topLevelPage(known.traceId) : hostilePage(known.traceId, victim, exported);
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(html);
    });
    await new Promise<void>((resolve) => hostile!.listen(HOSTILE_PORT, "127.0.0.1", resolve));
  });

  test.afterAll(async () => {
    await api?.dispose();
    hostile?.close();
    if (server) {
      server.process.kill("SIGTERM");
      await waitForExit(server.process);
    }
  });

  const snapshotList = async () =>
    ((await (await api.get("/api/snapshots")).json()).snapshots as { id: string; title: string; note: string }[]).map((s) => ({
      id: s.id,
      title: s.title,
      note: s.note,
    }));

  test("a hostile page on another origin cannot create, import, rename or delete anything for the signed-in user", async ({ browser }) => {
    const before = await snapshotList();
    expect(before).toEqual([{ id: victim, title: "evidence", note: "" }]);
    const context = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD } });
    const page = await context.newPage();
    // Signed in: the browser holds the Basic credentials for Sightline's origin.
    await page.goto(`${APP}/snapshots`);
    await expect(page.getByTestId("snapshot-row")).toHaveCount(1);

    const answers: { method: string; url: string; status: number }[] = [];
    page.on("response", (r) => {
      if (r.url().startsWith(APP)) answers.push({ method: r.request().method(), url: r.url(), status: r.status() });
    });
    await page.goto(`${HOSTILE}/`);
    await page.waitForFunction(() => (window as unknown as { __done?: boolean }).__done === true, undefined, { timeout: 45_000 });
    const results = await page.evaluate(() => (window as unknown as { __results: Record<string, unknown> }).__results);
    console.log(`[cross-site] hostile page results: ${JSON.stringify(results)}`);
    // A CORS request never became readable: the preflight got no permission.
    for (const key of ["corsCreate", "corsPatch", "corsDelete", "corsDeleteLogs"]) expect(String(results[key]), key).toMatch(/^blocked/);
    // Every write the page got through to Sightline was refused there.
    const writes = answers.filter((a) => a.method !== "GET" && a.method !== "OPTIONS");
    console.log(`[cross-site] writes that reached Sightline: ${writes.map((w) => `${w.method} ${new URL(w.url).pathname} → ${w.status}`).join("; ")}`);
    expect(writes.length).toBeGreaterThanOrEqual(7);
    for (const w of writes) expect([403, 415], `${w.method} ${w.url}`).toContain(w.status);

    // At the top level the refusal is readable: it is the cross-site check, not a missing login.
    await page.goto(`${HOSTILE}/top`);
    await page.waitForURL(`${APP}/api/snapshots`);
    const refusal = JSON.parse((await page.locator("body").innerText()).trim());
    expect(refusal.error.code).toBe("cross_site_request");
    expect(refusal.error.message).toContain("Sec-Fetch-Site");

    expect(await snapshotList()).toEqual(before);
    await page.goto(`${APP}/snapshots`);
    await expect(page.getByTestId("snapshot-row")).toHaveCount(1);
    await context.close();
  });

  test("the app's own pages still save a snapshot and import a snapshot file (JSON, same-origin)", async ({ browser }) => {
    const context = await browser.newContext({ httpCredentials: { username: USER, password: PASSWORD } });
    const page = await context.newPage();
    await page.goto(`${APP}/trace/${known.traceId}`);
    await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
    await page.getByTestId("save-snapshot").click();
    await page.getByTestId("snapshot-submit").click();
    await expect(page.getByTestId("snapshot-link")).toBeVisible();
    await page.goto(`${APP}/snapshots`);
    await page.getByTestId("snapshot-import").setInputFiles({ name: "evidence.json", mimeType: "application/json", buffer: Buffer.from(exported) });
    await expect(page.getByTestId("snapshot-import-message")).toContainText("Imported evidence.json");
    await expect(page.getByTestId("snapshot-row")).toHaveCount(3);
    await context.close();
  });

  test("API answers: 403/415 naming the header, no Access-Control-Allow-*, preflights refused, robots.txt and noindex", async () => {
    const cross = await api.post("/api/snapshots", {
      data: { traceId: known.traceId, title: "x" },
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(cross.status()).toBe(403);
    expect((await cross.json()).error).toMatchObject({ code: "cross_site_request", message: expect.stringContaining("Sec-Fetch-Site") });
    const plain = await api.post("/api/snapshots/import", { data: exported, headers: { "content-type": "text/plain" } });
    expect(plain.status()).toBe(415);
    expect((await plain.json()).error.message).toContain("application/json");
    for (const path of ["/api/snapshots", "/api/snapshots/import", `/api/snapshots/${victim}`, "/v1/traces"]) {
      const pre = await api.fetch(path, {
        method: "OPTIONS",
        headers: { origin: "https://evil.example", "access-control-request-method": "DELETE", "access-control-request-headers": "content-type" },
      });
      expect(
        Object.keys(pre.headers()).filter((h) => h.startsWith("access-control-allow")),
        path,
      ).toEqual([]);
      if (path.startsWith("/api/")) expect(pre.status(), path).toBe(403);
    }
    for (const path of ["/", "/api/traces", `/trace/${known.traceId}`]) {
      const res = await api.get(path);
      expect(res.headers()["x-robots-tag"], path).toContain("noindex");
      expect(
        Object.keys(res.headers()).filter((h) => h.startsWith("access-control-allow")),
        path,
      ).toEqual([]);
    }
    const robots = await fetch(`${APP}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toMatch(/User-Agent: \*\s+Disallow: \//i);
  });

  test("password guessing: 10 failures, then 429 with Retry-After; the real user from another address still signs in", async () => {
    const get = (authorization: string, localAddress = "127.0.0.1", extra: Record<string, string> = {}) =>
      new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
        const req = http.request(
          { host: "127.0.0.1", port: CROSS_SITE_PORT, path: "/api/traces?limit=1", localAddress, headers: { authorization, ...extra } },
          (res) => {
            let body = "";
            res.on("data", (d) => (body += d));
            res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] as string | undefined, body }));
          },
        );
        req.on("error", reject);
        req.end();
      });
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await get(basicAuth(USER, `wrong guess ${i}`))).status);
    expect(statuses).toEqual(Array(10).fill(401));
    const locked = await get(basicAuth(USER, "one more guess"));
    expect(locked.status).toBe(429);
    expect(Number(locked.retryAfter)).toBe(60);
    expect(JSON.parse(locked.body).error).toMatchObject({ code: "too_many_failed_logins", message: expect.stringContaining("try again in 60 s") });
    // The guesser learns nothing more, even with the right password or a made-up X-Forwarded-For.
    expect((await get(basicAuth(USER, PASSWORD))).status).toBe(429);
    expect((await get(basicAuth(USER, PASSWORD), "127.0.0.1", { "x-forwarded-for": "203.0.113.5" })).status).toBe(429);
    // The real user, elsewhere, is not slowed.
    const started = Date.now();
    expect((await get(basicAuth(USER, PASSWORD), "127.0.0.2")).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(server!.output()).not.toContain("wrong guess");
    expect(server!.output()).not.toContain(PASSWORD);
  });
});
