import { describe, expect, it } from "vitest";
import { ConfigError } from "../config-error";
import { parseAuthConfig } from "./auth-config";

const fails = (env: Record<string, string>) => {
  try {
    parseAuthConfig(env);
  } catch (err) {
    expect(ConfigError.is(err)).toBe(true);
    return (err as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("parseAuthConfig", () => {
  it("defaults to no login, the X-Forwarded-User header and no ingest token", () => {
    expect(parseAuthConfig({})).toEqual({ mode: "none", basic: null, proxyHeader: "x-forwarded-user", ingestToken: null });
  });

  it("takes basic credentials, and a proxy header in lower case", () => {
    expect(parseAuthConfig({ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "correct horse battery" }).basic).toEqual({
      user: "sre",
      password: "correct horse battery",
    });
    expect(parseAuthConfig({ AUTH_MODE: "proxy", AUTH_PROXY_HEADER: "X-Auth-Request-Email" }).proxyHeader).toBe("x-auth-request-email");
    expect(parseAuthConfig({ INGEST_TOKEN: "0123456789abcdef" }).ingestToken).toBe("0123456789abcdef");
  });

  it("names the setting that is wrong", () => {
    expect(fails({ AUTH_MODE: "oauth" })).toContain('AUTH_MODE must be "none", "basic" or "proxy", got "oauth"');
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_PASSWORD: "correct horse battery" })).toContain("needs AUTH_BASIC_USER");
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_USER: "a:b", AUTH_BASIC_PASSWORD: "correct horse battery" })).toContain("must not contain ':'");
    expect(fails({ AUTH_MODE: "basic", AUTH_BASIC_USER: "sre", AUTH_BASIC_PASSWORD: "short" })).toContain("AUTH_BASIC_PASSWORD of at least 12 characters");
    expect(fails({ AUTH_MODE: "proxy", AUTH_PROXY_HEADER: "X User" })).toContain("AUTH_PROXY_HEADER must be a header name");
    expect(fails({ INGEST_TOKEN: "short" })).toContain("INGEST_TOKEN must be at least 16 characters");
    expect(fails({ INGEST_TOKEN: "0123456789 abcdef" })).toContain("must not contain whitespace");
  });
});
