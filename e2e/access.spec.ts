/**
 * Access control (AUTH_MODE) on the production build: each mode on a server of its own.
 * basic — a browser signs in and works; wrong or missing credentials get a 401 challenge.
 * proxy — the proxy's header is the user; without it, 401; a client cannot pose as someone else.
 * none on every interface — a loud start-up warning; snapshots open by ID only, never listed.
 * OTLP ingest with INGEST_TOKEN takes the bearer token, and stores nothing without it.
 */
import { rmSync } from "node:fs";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { buildKnownTrace, type KnownTrace } from "./support/known-trace";
import { logsRequest, tracesRequest } from "./support/otlp-json";
import { AUTH_BASIC_PORT, AUTH_OPEN_PORT, AUTH_PROXY_PORT } from "./support/ports";

test.describe.configure({ mode: "serial" });

const PASSWORD = "correct horse battery staple";
const TOKEN = "ingest-token-for-the-e2e-run";
const basicAuth = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

async function serve(port: number, env: Record<string, string>, host?: string): Promise<AppServer> {
  const dataDir = `test-results/access-data-${port}`;
  rmSync(dataDir, { recursive: true, force: true });
  return startAppServer(port, { DATA_DIR: dataDir, RETENTION_DAYS: "36500", ...env }, host);
}

async function stop(server: AppServer | undefined): Promise<void> {
  if (!server) return;
  server.process.kill("SIGTERM");
  await waitForExit(server.process);
}

/** The known trace through OTLP ingest, with `headers` (a token or credentials). */
async function ingest(api: APIRequestContext, headers: Record<string, string>): Promise<KnownTrace> {
  const known = buildKnownTrace();
  expect((await api.post("/v1/traces", { data: tracesRequest(known.spans), headers })).status()).toBe(200);
  expect((await api.post("/v1/logs", { data: logsRequest(known.logs), headers })).status()).toBe(200);
  return known;
}

test.describe("AUTH_MODE=basic with an ingest token", () => {
  let server: AppServer | undefined;
  let api: APIRequestContext;
  test.beforeAll(async () => {
    server = await serve(AUTH_BASIC_PORT, { AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: PASSWORD, INGEST_TOKEN: TOKEN });
    api = await playwrightRequest.newContext({ baseURL: server.url });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await stop(server);
  });

  test("no credentials, a wrong password or a wrong user: 401 with a Basic challenge and a message", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: basicAuth("sre", "wrong") }, { authorization: basicAuth("admin", PASSWORD) }];
    for (const headers of attempts) {
      const res = await api.get("/api/traces", { headers });
      expect(res.status()).toBe(401);
      expect(res.headers()["www-authenticate"]).toBe('Basic realm="Sightline", charset="UTF-8"');
      expect((await res.json()).error.message).toMatch(/Sign in|Wrong user name or password/);
    }
    const page = await api.get("/traces");
    expect(page.status()).toBe(401);
    expect(await page.text()).toContain("Sign in to Sightline.");
    expect((await api.get("/api/health")).status()).toBe(200);
  });

  test("the icons and the web app manifest are open: a phone fetches them without the login", async () => {
    for (const path of ["/favicon.ico", "/apple-touch-icon.png", "/icon-192.png", "/icon-512.png", "/manifest.webmanifest"]) {
      const res = await api.get(path);
      expect(res.status(), path).toBe(200);
      expect(res.headers()["content-type"], path).toMatch(/^image\/|^application\/manifest\+json/);
    }
    expect((await (await api.get("/manifest.webmanifest")).json()).icons).toHaveLength(2);
  });

  test("paths that dodge the proxy's matcher (static files, OTLP) or re-encode a route are refused too", async () => {
    // Sent as written (no client-side normalisation): the server must not route them past the lock.
    const { request: rawRequest } = await import("node:http");
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const req = rawRequest({ host: "127.0.0.1", port: AUTH_BASIC_PORT, path, method: "GET" }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    for (const path of [
      "/v1/../api/traces",
      "/_next/static/../../api/traces",
      "/v1/%2e%2e/api/traces",
      "/favicon.ico/../api/traces",
      "/icon-192.png/../api/traces",
      "/manifest.webmanifest/../api/traces",
      "/api/%68ealth",
      "/API/traces",
    ]) {
      expect([401, 404], path).toContain(await status(path));
    }
  });

  test("OTLP ingest needs the bearer token, not the login; without it nothing is stored", async () => {
    const known = buildKnownTrace();
    const denied = await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: { authorization: basicAuth("sre", PASSWORD) } });
    expect(denied.status()).toBe(401);
    expect(await denied.json()).toMatchObject({ code: 16, message: expect.stringContaining("Bearer") });
    expect((await api.get(`/api/traces/${known.traceId}`, { headers: { authorization: basicAuth("sre", PASSWORD) } })).status()).toBe(404);
    expect((await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: { authorization: `Bearer ${TOKEN}x` } })).status()).toBe(401);
  });

  test("a signed-in browser uses every panel; its snapshots carry its name and it may list them", async ({ browser }) => {
    const known = await ingest(api, { authorization: `Bearer ${TOKEN}` });
    const context = await browser.newContext({ httpCredentials: { username: "sre", password: PASSWORD }, baseURL: server!.url });
    const page = await context.newPage();
    await page.goto(`/trace/${known.traceId}`);
    await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
    await expect(page.getByTestId("log-row")).toHaveCount(known.logs.length);
    await page.getByTestId("save-snapshot").click();
    await page.getByTestId("snapshot-submit").click();
    await page.goto((await page.getByTestId("snapshot-link").getAttribute("href"))!);
    await expect(page.getByTestId("snapshot-banner")).toContainText("by sre ·");
    await page.goto("/snapshots");
    await expect(page.getByTestId("snapshot-row")).toHaveCount(1);
    await context.close();
  });
});

test.describe("AUTH_MODE=proxy", () => {
  let server: AppServer | undefined;
  let api: APIRequestContext;
  test.beforeAll(async () => {
    server = await serve(AUTH_PROXY_PORT, { AUTH_MODE: "proxy", AUTH_PROXY_HEADER: "X-Auth-Request-Email" });
    api = await playwrightRequest.newContext({ baseURL: server.url });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await stop(server);
  });

  test("without the proxy's header: 401 naming it; with it: in", async () => {
    const res = await api.get("/api/traces");
    expect(res.status()).toBe(401);
    expect((await res.json()).error.message).toContain("x-auth-request-email");
    expect((await api.get("/api/traces", { headers: { "x-auth-request-email": "sre@example.com" } })).status()).toBe(200);
  });

  test("the user is the proxy's, whatever identity headers the client adds", async () => {
    const user = { "x-auth-request-email": "sre@example.com" };
    const known = await ingest(api, user);
    const res = await api.post("/api/snapshots", {
      data: { traceId: known.traceId, title: "proxy", note: "" },
      headers: { ...user, "x-sightline-user": "mallory", "x-forwarded-user": "mallory" },
    });
    expect(res.status()).toBe(201);
    expect((await res.json()).snapshot.capturedBy).toBe("sre@example.com");
    expect((await api.get("/api/snapshots", { headers: user })).status()).toBe(200);
  });
});

test.describe("AUTH_MODE=none on every interface", () => {
  let server: AppServer | undefined;
  let api: APIRequestContext;
  test.beforeAll(async () => {
    server = await serve(AUTH_OPEN_PORT, {}, "0.0.0.0");
    api = await playwrightRequest.newContext({ baseURL: server.url });
  });
  test.afterAll(async () => {
    await api?.dispose();
    await stop(server);
  });

  test("start-up warns loudly that the server is open", async () => {
    expect(server!.output()).toContain("WARNING: AUTH_MODE=none and the server listens on 0.0.0.0");
  });

  test("a snapshot opens through its ID, but nobody can list, rename or delete snapshots", async ({ browser }) => {
    const known = await ingest(api, {});
    const created = await api.post("/api/snapshots", { data: { traceId: known.traceId, title: "open", note: "" } });
    expect(created.status()).toBe(201);
    const { id } = await created.json();
    const spoofs: Record<string, string>[] = [{}, { "x-sightline-access": "local" }, { "x-sightline-access": "basic", "x-sightline-user": "admin" }];
    for (const spoof of spoofs) {
      const list = await api.get("/api/snapshots", { headers: spoof });
      expect(list.status()).toBe(403);
      expect((await list.json()).error.message).toContain("Listing snapshots needs a signed-in user");
    }
    expect((await api.patch(`/api/snapshots/${id}`, { data: { title: "x" } })).status()).toBe(403);
    expect((await api.delete(`/api/snapshots/${id}`)).status()).toBe(403);
    expect((await api.get(`/api/snapshots/${id}`)).status()).toBe(200);
    const page = await (await browser.newContext({ baseURL: server!.url })).newPage();
    await page.goto(`/s/${id}`);
    await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
    await page.goto("/snapshots");
    await expect(page.getByTestId("snapshots-error")).toContainText("Listing snapshots needs a signed-in user");
  });
});

test("every response carries the security headers", async ({ request }) => {
  for (const path of ["/", "/api/traces", "/api/health", "/v1/traces"]) {
    const res = await request.get(path);
    const h = res.headers();
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("same-origin");
    expect(h["x-frame-options"], path).toBe("DENY");
    expect(h["content-security-policy"], path).toContain("frame-ancestors 'none'");
  }
});
