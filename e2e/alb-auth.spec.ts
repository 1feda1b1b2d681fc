/**
 * AUTH_MODE=alb on the production build, with its own key service (e2e/support/alb-key-server.ts)
 * at ALB_KEY_URL: a request carrying a token the ALB signed gets in as the token's user; nothing
 * else does (no token, a forged one, an expired one, another load balancer's, identity headers
 * alone). Keys are fetched once per key ID; with the key service down, a new key ID is a 503.
 */
import { rmSync } from "node:fs";
import { generateKeyPairSync } from "node:crypto";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { mintAlbToken, newAlbKey, OTHER_ALB_ARN, TEST_ALB_ARN } from "../test/alb-token";
import { startAppServer, waitForExit, type AppServer } from "./support/app-server";
import { startKeyServer, type KeyServer } from "./support/alb-key-server";
import { buildKnownTrace } from "./support/known-trace";
import { logsRequest, tracesRequest } from "./support/otlp-json";
import { ALB_APP_PORT, ALB_KEY_PORT } from "./support/ports";

test.describe.configure({ mode: "serial" });

const TOKEN = "ingest-token-for-the-alb-run";
const key = newAlbKey();
/** Published by the key service, but not used until the service is down. */
const laterKey = newAlbKey();
const alb = (token: string) => ({ "x-amzn-oidc-data": token });

let keys: KeyServer | undefined;
let server: AppServer | undefined;
let api: APIRequestContext;

test.beforeAll(async () => {
  keys = await startKeyServer(ALB_KEY_PORT, { [key.kid]: key.publicPem, [laterKey.kid]: laterKey.publicPem });
  const dataDir = `test-results/alb-data-${ALB_APP_PORT}`;
  rmSync(dataDir, { recursive: true, force: true });
  server = await startAppServer(ALB_APP_PORT, {
    DATA_DIR: dataDir,
    RETENTION_DAYS: "36500",
    AUTH_MODE: "alb",
    ALB_ARN: TEST_ALB_ARN,
    ALB_KEY_URL: keys.url,
    INGEST_TOKEN: TOKEN,
  });
  api = await playwrightRequest.newContext({ baseURL: server.url });
});

test.afterAll(async () => {
  await api?.dispose();
  if (server) {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
  await keys?.close();
});

test("start-up names the mode", () => {
  expect(server!.output()).toContain("auth=alb");
});

test("a request the ALB signed gets the API and the pages, as the token's user", async () => {
  const known = buildKnownTrace();
  const bearer = { authorization: `Bearer ${TOKEN}` };
  expect((await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: bearer })).status()).toBe(200);
  expect((await api.post("/v1/logs", { data: logsRequest(known.logs), headers: bearer })).status()).toBe(200);

  expect((await api.get("/api/traces", { headers: alb(mintAlbToken({ key })) })).status()).toBe(200);
  const page = await api.get("/traces", { headers: alb(mintAlbToken({ key })) });
  expect(page.status()).toBe(200);
  expect(await page.text()).toContain("<html");

  // The user is the token's email, whatever identity headers the client adds; and may list snapshots.
  const created = await api.post("/api/snapshots", {
    data: { traceId: known.traceId, title: "alb", note: "" },
    headers: { ...alb(mintAlbToken({ key })), "x-sightline-user": "mallory", "x-amzn-oidc-identity": "mallory", "x-forwarded-user": "mallory" },
  });
  expect(created.status()).toBe(201);
  expect((await created.json()).snapshot.capturedBy).toBe("sre@example.com");
  expect((await api.get("/api/snapshots", { headers: alb(mintAlbToken({ key })) })).status()).toBe(200);
  // No email in the claims: the user is the sub.
  const bySub = await api.post("/api/snapshots", {
    data: { traceId: known.traceId, title: "alb sub", note: "" },
    headers: alb(mintAlbToken({ key, claims: { email: undefined, sub: "user-7f3a" } })),
  });
  expect((await bySub.json()).snapshot.capturedBy).toBe("user-7f3a");
});

test("a browser behind the ALB uses the trace page, and its snapshots carry its name", async ({ browser }) => {
  const known = buildKnownTrace();
  const bearer = { authorization: `Bearer ${TOKEN}` };
  expect((await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: bearer })).status()).toBe(200);
  expect((await api.post("/v1/logs", { data: logsRequest(known.logs), headers: bearer })).status()).toBe(200);
  // The ALB adds the header to every request it forwards: pages, scripts, API calls.
  const context = await browser.newContext({ baseURL: server!.url, extraHTTPHeaders: alb(mintAlbToken({ key, claims: { email: "oncall@example.com" } })) });
  const page = await context.newPage();
  await page.goto(`/trace/${known.traceId}`);
  await expect(page.getByTestId("span-row")).toHaveCount(known.spans.length);
  await expect(page.getByTestId("log-row")).toHaveCount(known.logs.length);
  await page.getByTestId("save-snapshot").click();
  await page.getByTestId("snapshot-submit").click();
  await page.goto((await page.getByTestId("snapshot-link").getAttribute("href"))!);
  await expect(page.getByTestId("snapshot-banner")).toContainText("by oncall@example.com ·");
  await context.close();
});

test("nothing else gets in: no token, a forged, expired or tampered one, another ALB's, identity headers alone", async () => {
  const forger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  const [h, , sig] = mintAlbToken({ key }).split(".");
  const adminClaims = Buffer.from(JSON.stringify({ sub: "x", email: "admin@example.com", exp: Math.floor(Date.now() / 1000) + 120 })).toString("base64url");
  const attempts: Record<string, Record<string, string>> = {
    "no header": {},
    "identity headers alone": {
      "x-amzn-oidc-identity": "sre@example.com",
      "x-forwarded-user": "sre@example.com",
      "x-amzn-oidc-accesstoken": "eyJhbGciOiJub25lIn0.e30.",
    },
    "forged (another key, the ALB's kid)": alb(mintAlbToken({ key, signWith: forger })),
    "a forger's own key ID": alb(mintAlbToken({ key: newAlbKey() })),
    expired: alb(mintAlbToken({ key, expiresInS: -600 })),
    "another load balancer": alb(mintAlbToken({ key, signer: OTHER_ALB_ARN })),
    "claims swapped": alb(`${h}.${adminClaims}.${sig}`),
    "alg none": alb(`${Buffer.from(JSON.stringify({ alg: "none", kid: key.kid, signer: TEST_ALB_ARN })).toString("base64url")}.${adminClaims}.`),
  };
  for (const [what, headers] of Object.entries(attempts)) {
    const res = await api.get("/api/traces", { headers });
    expect(res.status(), what).toBe(401);
    expect((await res.json()).error.message, what).toMatch(/^Sign in through the load balancer: the x-amzn-oidc-data header /);
    expect((await api.get("/traces", { headers })).status(), what).toBe(401);
    expect((await api.get("/api/snapshots", { headers })).status(), what).toBe(401);
  }
  // Ingest takes the ingest token, never the ALB's header; and stores nothing without it.
  const known = buildKnownTrace();
  const denied = await api.post("/v1/traces", { data: tracesRequest(known.spans), headers: alb(mintAlbToken({ key })) });
  expect(denied.status()).toBe(401);
  expect(await denied.json()).toMatchObject({ code: 16, message: expect.stringContaining("Bearer") });
  expect((await api.get(`/api/traces/${known.traceId}`, { headers: alb(mintAlbToken({ key })) })).status()).toBe(404);
  // The health checks the ALB's target group probes stay open.
  expect((await api.get("/api/health")).status()).toBe(200);
});

test("each key is fetched once; with the key service down, a new key ID gets 503 and nobody gets in", async () => {
  expect(keys!.requests.filter((p) => p === `/${key.kid}`)).toHaveLength(1);
  await keys!.close();
  // The cached key still works...
  expect((await api.get("/api/traces", { headers: alb(mintAlbToken({ key })) })).status()).toBe(200);
  // ...but a correctly signed token naming a key not yet fetched cannot be checked: 503, not in.
  const res = await api.get("/api/traces", { headers: alb(mintAlbToken({ key: laterKey })) });
  expect(res.status()).toBe(503);
  expect(res.headers()["retry-after"]).toBe("5");
  expect((await res.json()).error).toMatchObject({ code: "auth_unavailable", message: expect.stringContaining("key service is unreachable") });
  expect((await api.get("/traces", { headers: alb(mintAlbToken({ key: laterKey })) })).status()).toBe(503);
  // A forgery is refused before any key is needed.
  expect((await api.get("/api/traces", { headers: alb(mintAlbToken({ key: laterKey, signer: OTHER_ALB_ARN })) })).status()).toBe(401);
});
