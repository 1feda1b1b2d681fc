import { describe, expect, it } from "vitest";
import { checkCrossSite, isJsonContentType, parsePublicOrigin, requestOrigin } from "./cross-site";

const facts = (method: string, path: string, headers: Record<string, string> = {}) => ({
  method,
  path,
  header: (name: string) => headers[name.toLowerCase()] ?? null,
});
const own = { host: "127.0.0.1:3000" };
const json = { "content-type": "application/json" };

describe("checkCrossSite", () => {
  it("lets the app's own requests through: same-origin, own Origin, JSON", () => {
    for (const method of ["POST", "PUT", "PATCH"]) {
      expect(
        checkCrossSite(facts(method, "/api/snapshots", { ...own, ...json, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }), null),
      ).toEqual({ allow: true });
    }
    expect(checkCrossSite(facts("DELETE", "/api/snapshots/x", { ...own, "sec-fetch-site": "same-origin", origin: "http://127.0.0.1:3000" }), null)).toEqual({
      allow: true,
    });
  });

  it("lets scripts and CLIs through: no Sec-Fetch-Site, no Origin", () => {
    expect(checkCrossSite(facts("POST", "/api/snapshots", { ...own, ...json }), null)).toEqual({ allow: true });
    expect(checkCrossSite(facts("DELETE", "/api/snapshots/x", own), null)).toEqual({ allow: true });
  });

  it("refuses every state-changing method from another site with 403 naming Sec-Fetch-Site", () => {
    for (const site of ["cross-site", "same-site", "none", "CROSS-SITE", ""]) {
      for (const method of ["POST", "PUT", "PATCH", "DELETE", "post"]) {
        const d = checkCrossSite(facts(method, "/api/snapshots", { ...own, ...json, "sec-fetch-site": site }), null);
        expect(d).toMatchObject({ allow: false, status: 403, code: "cross_site_request" });
        if (!d.allow) expect(d.message).toContain("Sec-Fetch-Site");
      }
    }
  });

  it("refuses a foreign, malformed or null Origin even without Sec-Fetch-Site", () => {
    for (const origin of ["https://evil.example", "http://127.0.0.1:3001", "https://127.0.0.1:3000", "http://localhost:3000", "null", "not a url", ""]) {
      const d = checkCrossSite(facts("POST", "/api/snapshots/import", { ...own, ...json, origin }), null);
      expect(d, origin).toMatchObject({ allow: false, status: 403, code: "cross_site_request" });
      if (!d.allow) expect(d.message).toContain("Origin");
    }
  });

  it("takes the scheme from X-Forwarded-Proto and the public URL's origin behind a proxy", () => {
    expect(
      checkCrossSite(
        facts("POST", "/api/snapshots", { host: "sightline.example", "x-forwarded-proto": "https", ...json, origin: "https://sightline.example" }),
        null,
      ),
    ).toEqual({ allow: true });
    const behind = { host: "127.0.0.1:3109", ...json, origin: "https://sightline.example.com" };
    expect(checkCrossSite(facts("POST", "/api/snapshots", behind), null).allow).toBe(false);
    expect(checkCrossSite(facts("POST", "/api/snapshots", behind), "https://sightline.example.com")).toEqual({ allow: true });
  });

  it("refuses a body that is not application/json with 415 naming the content type", () => {
    for (const ct of [
      null,
      "text/plain",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json-patch+json",
      "text/json",
    ]) {
      const headers: Record<string, string> = { ...own };
      if (ct !== null) headers["content-type"] = ct;
      const d = checkCrossSite(facts("POST", "/api/snapshots", headers), null);
      expect(d, String(ct)).toMatchObject({ allow: false, status: 415, code: "unsupported_media_type" });
      if (!d.allow) expect(d.message).toContain("application/json");
    }
    expect(checkCrossSite(facts("PATCH", "/api/snapshots/x", { ...own, "content-type": "application/json; charset=utf-8" }), null)).toEqual({ allow: true });
  });

  it("answers a CORS preflight with a refusal, and leaves reads, pages and OTLP ingest alone", () => {
    expect(checkCrossSite(facts("OPTIONS", "/api/snapshots", { origin: "https://evil.example", "access-control-request-method": "POST" }), null)).toMatchObject(
      { allow: false, status: 403, code: "cors_preflight_refused" },
    );
    expect(checkCrossSite(facts("GET", "/api/traces", { "sec-fetch-site": "cross-site", origin: "https://evil.example" }), null)).toEqual({ allow: true });
    expect(checkCrossSite(facts("POST", "/v1/traces", { "sec-fetch-site": "cross-site", "content-type": "application/x-protobuf" }), null)).toEqual({
      allow: true,
    });
    expect(checkCrossSite(facts("POST", "/trace/abc", { "sec-fetch-site": "cross-site" }), null)).toEqual({ allow: true });
  });
});

describe("helpers", () => {
  it("isJsonContentType", () => {
    expect(isJsonContentType("application/json")).toBe(true);
    expect(isJsonContentType("Application/JSON ; charset=utf-8")).toBe(true);
    expect(isJsonContentType("text/plain")).toBe(false);
    expect(isJsonContentType(null)).toBe(false);
  });

  it("requestOrigin", () => {
    const h = (headers: Record<string, string>) => (n: string) => headers[n] ?? null;
    expect(requestOrigin(h({ host: "127.0.0.1:3000" }))).toBe("http://127.0.0.1:3000");
    expect(requestOrigin(h({ host: "Sightline.Example:443", "x-forwarded-proto": "https" }))).toBe("https://sightline.example");
    expect(requestOrigin(h({}))).toBeNull();
  });

  it("parsePublicOrigin: an http(s) URL's origin, or a configuration error naming PUBLIC_URL", () => {
    expect(parsePublicOrigin({})).toBeNull();
    expect(parsePublicOrigin({ PUBLIC_URL: "https://sightline.example.com/base/" })).toBe("https://sightline.example.com");
    expect(() => parsePublicOrigin({ PUBLIC_URL: "sightline.example.com" })).toThrow(/PUBLIC_URL/);
    expect(() => parsePublicOrigin({ PUBLIC_URL: "ftp://x" })).toThrow(/PUBLIC_URL/);
  });
});
