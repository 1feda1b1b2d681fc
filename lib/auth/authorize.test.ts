import { describe, expect, it } from "vitest";
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
  it("AUTH_MODE=none lets everyone in, as 'local' only when the server listens on loopback", () => {
    expect(authorize(req("/trace/x"), none, true)).toEqual({ allow: true, access: "local", user: null });
    expect(authorize(req("/trace/x"), none, false)).toEqual({ allow: true, access: "open", user: null });
  });

  it("basic: the right user and password get in, as that user", () => {
    expect(authorize(req("/api/traces", basicHeader("sre", "correct horse battery")), basic, true)).toEqual({ allow: true, access: "basic", user: "sre" });
  });

  it("basic: wrong credentials are marked as a failed login (for the limiter); missing ones are not", () => {
    expect(authorize(req("/api/traces", basicHeader("sre", "wrong")), basic, true)).toMatchObject({ allow: false, failedLogin: true });
    expect(authorize(req("/api/traces"), basic, true)).not.toHaveProperty("failedLogin");
  });

  it("robots.txt and the health check are open in every mode", () => {
    for (const cfg of [basic, proxy]) {
      expect(authorize(req("/robots.txt"), cfg, false)).toMatchObject({ allow: true });
      expect(authorize(req("/api/health"), cfg, false)).toMatchObject({ allow: true });
    }
  });

  it("basic: no credentials, a wrong password, a wrong user or another scheme get a 401 challenge", () => {
    for (const headers of [
      {},
      basicHeader("sre", "wrong"),
      basicHeader("root", "correct horse battery"),
      { authorization: "Bearer x" },
      basicHeader("sre", "correct horse battery "),
    ]) {
      const d = authorize(req("/api/traces", headers), basic, true);
      expect(d.allow).toBe(false);
      if (!d.allow) expect(d.challenge).toBe(BASIC_CHALLENGE);
    }
  });

  it("proxy: the header names the user; without it, a 401 naming the header", () => {
    expect(authorize(req("/", { "x-forwarded-user": " sre@example.com " }), proxy, false)).toEqual({ allow: true, access: "proxy", user: "sre@example.com" });
    const d = authorize(req("/", { "x-forwarded-user": "  " }), proxy, false);
    expect(d).toMatchObject({ allow: false, message: expect.stringContaining("x-forwarded-user") });
  });

  it("the health check is open in every mode", () => {
    for (const cfg of [basic, proxy, none]) expect(authorize(req("/api/health"), cfg, false).allow).toBe(true);
    for (const cfg of [basic, proxy, none]) expect(authorize(req("/api/ready"), cfg, false).allow).toBe(true);
  });

  it("ingest takes its bearer token instead of the login when INGEST_TOKEN is set", () => {
    expect(authorize(req("/v1/traces", { authorization: "Bearer ingest-token-0123456789" }), withToken, false)).toEqual({
      allow: true,
      access: "token",
      user: null,
    });
    expect(authorize(req("/v1/logs", { authorization: "Bearer nope" }), withToken, false)).toMatchObject({
      allow: false,
      message: "The ingest bearer token is wrong.",
    });
    expect(authorize(req("/v1/logs", basicHeader("sre", "correct horse battery")), withToken, false)).toMatchObject({
      allow: false,
      message: expect.stringContaining("Bearer"),
    });
    // The token opens ingest only, not the UI.
    expect(authorize(req("/api/traces", { authorization: "Bearer ingest-token-0123456789" }), withToken, false).allow).toBe(false);
    // Without a token, ingest follows AUTH_MODE.
    expect(authorize(req("/v1/traces", basicHeader("sre", "correct horse battery")), basic, false).allow).toBe(true);
    expect(authorize(req("/v1/traces"), basic, false).allow).toBe(false);
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
