import { describe, expect, it, vi } from "vitest";
import { mintAlbToken, newAlbKey, TEST_ALB_ARN } from "../../test/alb-token";
import { AlbKeyStore } from "./alb-keys";
import { parseAuthConfig } from "./auth-config";
import { authorize, basicCredentials, bearerToken, BASIC_CHALLENGE } from "./authorize";

const basic = parseAuthConfig({ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "correct horse battery" });
const proxy = parseAuthConfig({ AUTH_MODE: "proxy" });
const none = parseAuthConfig({});
const withToken = parseAuthConfig({
  AUTH_MODE: "basic",
  AUTH_BASIC_USER: "sre",
  AUTH_BASIC_PASSWORD: "correct horse battery",
  INGEST_TOKEN: "ingest-token-0123456789",
});

const req = (path: string, headers: Record<string, string> = {}) => ({ path, header: (name: string) => headers[name.toLowerCase()] ?? null });
const basicHeader = (user: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}` });

describe("authorize", () => {
  it("AUTH_MODE=none lets everyone in, as 'local' only when the server listens on loopback", async () => {
    expect(await authorize(req("/trace/x"), none, true)).toEqual({ allow: true, access: "local", user: null });
    expect(await authorize(req("/trace/x"), none, false)).toEqual({ allow: true, access: "open", user: null });
  });

  it("basic: the right user and password get in, as that user", async () => {
    expect(await authorize(req("/api/traces", basicHeader("sre", "correct horse battery")), basic, true)).toEqual({
      allow: true,
      access: "basic",
      user: "sre",
    });
  });

  it("basic: wrong credentials are marked as a failed login (for the limiter); missing ones are not", async () => {
    expect(await authorize(req("/api/traces", basicHeader("sre", "wrong")), basic, true)).toMatchObject({ allow: false, failedLogin: true });
    expect(await authorize(req("/api/traces"), basic, true)).not.toHaveProperty("failedLogin");
  });

  it("robots.txt and the health check are open in every mode", async () => {
    for (const cfg of [basic, proxy]) {
      expect(await authorize(req("/robots.txt"), cfg, false)).toMatchObject({ allow: true });
      expect(await authorize(req("/api/health"), cfg, false)).toMatchObject({ allow: true });
    }
  });

  it("basic: no credentials, a wrong password, a wrong user or another scheme get a 401 challenge", async () => {
    for (const headers of [
      {},
      basicHeader("sre", "wrong"),
      basicHeader("root", "correct horse battery"),
      { authorization: "Bearer x" },
      basicHeader("sre", "correct horse battery "),
    ]) {
      const d = await authorize(req("/api/traces", headers), basic, true);
      expect(d.allow).toBe(false);
      if (!d.allow) expect(d.challenge).toBe(BASIC_CHALLENGE);
    }
  });

  it("proxy: the header names the user; without it, a 401 naming the header", async () => {
    expect(await authorize(req("/", { "x-forwarded-user": " sre@example.com " }), proxy, false)).toEqual({
      allow: true,
      access: "proxy",
      user: "sre@example.com",
    });
    const d = await authorize(req("/", { "x-forwarded-user": "  " }), proxy, false);
    expect(d).toMatchObject({ allow: false, message: expect.stringContaining("x-forwarded-user") });
  });

  it("the health check is open in every mode", async () => {
    for (const cfg of [basic, proxy, none]) expect((await authorize(req("/api/health"), cfg, false)).allow).toBe(true);
    for (const cfg of [basic, proxy, none]) expect((await authorize(req("/api/ready"), cfg, false)).allow).toBe(true);
  });

  it("ingest takes its bearer token instead of the login when INGEST_TOKEN is set", async () => {
    expect(await authorize(req("/v1/traces", { authorization: "Bearer ingest-token-0123456789" }), withToken, false)).toEqual({
      allow: true,
      access: "token",
      user: null,
    });
    expect(await authorize(req("/v1/logs", { authorization: "Bearer nope" }), withToken, false)).toMatchObject({
      allow: false,
      message: "The ingest bearer token is wrong.",
    });
    expect(await authorize(req("/v1/logs", basicHeader("sre", "correct horse battery")), withToken, false)).toMatchObject({
      allow: false,
      message: expect.stringContaining("Bearer"),
    });
    // The token opens ingest only, not the UI.
    expect((await authorize(req("/api/traces", { authorization: "Bearer ingest-token-0123456789" }), withToken, false)).allow).toBe(false);
    // Without a token, ingest follows AUTH_MODE.
    expect((await authorize(req("/v1/traces", basicHeader("sre", "correct horse battery")), basic, false)).allow).toBe(true);
    expect((await authorize(req("/v1/traces"), basic, false)).allow).toBe(false);
  });
});

describe("credentials parsing", () => {
  it("reads Basic and Bearer values, and nothing else", () => {
    expect(basicCredentials(basicHeader("a", "b:c").authorization)).toEqual({ user: "a", password: "b:c" });
    expect(basicCredentials("Basic !!!")).toBeNull();
    expect(basicCredentials(`Basic ${Buffer.from("nocolon").toString("base64")}`)).toBeNull();
    expect(basicCredentials(null)).toBeNull();
    expect(bearerToken("bearer abc")).toBe("abc");
    expect(bearerToken("Bearer a b")).toBeNull();
    expect(bearerToken("Basic abc")).toBeNull();
  });
});

describe("authorize, AUTH_MODE=alb", () => {
  const alb = parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: TEST_ALB_ARN });
  const albWithToken = parseAuthConfig({ AUTH_MODE: "alb", ALB_ARN: TEST_ALB_ARN, INGEST_TOKEN: "ingest-token-0123456789" });
  const key = newAlbKey();
  const keys = (answer: () => Promise<Response>) => new AlbKeyStore({ keyUrl: null, fetch: answer });
  const up = keys(async () => new Response(key.publicPem));

  it("a token the ALB signed: in, as its user, with 'alb' access", async () => {
    const token = mintAlbToken({ key });
    expect(await authorize(req("/api/traces", { "x-amzn-oidc-data": token }), alb, false, up)).toEqual({ allow: true, access: "alb", user: "sre@example.com" });
  });

  it("no token, a forged one, or other identity headers alone: 401 saying why", async () => {
    const forger = newAlbKey(key.kid);
    const attempts: Record<string, string>[] = [
      {},
      { "x-amzn-oidc-identity": "sre@example.com", "x-forwarded-user": "sre@example.com", "x-amzn-oidc-accesstoken": "eyJ" },
      { "x-amzn-oidc-data": mintAlbToken({ key: forger }) },
      { "x-amzn-oidc-data": mintAlbToken({ key, expiresInS: -3600 }) },
    ];
    for (const headers of attempts) {
      const d = await authorize(req("/trace/x", headers), alb, true, up);
      expect(d).toMatchObject({
        allow: false,
        status: 401,
        code: "unauthenticated",
        message: expect.stringMatching(/^Sign in through the load balancer: the x-amzn-oidc-data header /),
      });
    }
  });

  it("the key service unreachable: 503, nobody in", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const down = keys(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await authorize(req("/api/traces", { "x-amzn-oidc-data": mintAlbToken({ key }) }), alb, false, down)).toMatchObject({
      allow: false,
      status: 503,
      code: "auth_unavailable",
    });
    errors.mockRestore();
  });

  it("OTLP ingest follows the ALB's token, or takes the ingest token (and only it) when INGEST_TOKEN is set", async () => {
    const token = mintAlbToken({ key });
    expect((await authorize(req("/v1/traces", { "x-amzn-oidc-data": token }), alb, false, up)).allow).toBe(true);
    expect((await authorize(req("/v1/traces"), alb, false, up)).allow).toBe(false);
    expect(await authorize(req("/v1/traces", { authorization: "Bearer ingest-token-0123456789" }), albWithToken, false, up)).toMatchObject({
      allow: true,
      access: "token",
    });
    expect((await authorize(req("/v1/logs", { "x-amzn-oidc-data": token }), albWithToken, false, up)).allow).toBe(false);
    // The open paths stay open.
    expect((await authorize(req("/api/health"), alb, false, up)).allow).toBe(true);
  });
});
