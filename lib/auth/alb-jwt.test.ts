import { createHmac, generateKeyPairSync } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { mintAlbToken, newAlbKey, OTHER_ALB_ARN, TEST_ALB_ARN } from "../../test/alb-token";
import { verifyAlbToken } from "./alb-jwt";
import { AlbKeyStore } from "./alb-keys";

const key = newAlbKey();
const arns = [TEST_ALB_ARN];

/** The real key store, on a key service (in memory) that has `key` and answers 404 for every other kid. */
function keys(fetchImpl?: (url: string) => Promise<Response>) {
  const fetch = vi.fn(
    fetchImpl ?? (async (url: string) => (url.endsWith(`/${key.kid}`) ? new Response(key.publicPem) : new Response("NoSuchKey", { status: 404 }))),
  );
  return { store: new AlbKeyStore({ keyUrl: null, fetch, timeoutMs: 200 }), fetch };
}

const b64url = (s: string) => Buffer.from(s).toString("base64url");

describe("verifyAlbToken", () => {
  it("a token the ALB signed lets its user in: email, else sub", async () => {
    const { store } = keys();
    expect(await verifyAlbToken(mintAlbToken({ key }), arns, store)).toEqual({ ok: true, user: "sre@example.com" });
    expect(await verifyAlbToken(mintAlbToken({ key, claims: { email: undefined } }), arns, store)).toEqual({ ok: true, user: "9f1c2d3e-sub" });
    expect(await verifyAlbToken(mintAlbToken({ key, claims: { email: "  " } }), arns, store)).toEqual({ ok: true, user: "9f1c2d3e-sub" });
  });

  it("accepts the ALB's `=` padding, which the signature covers: stripping it breaks the signature", async () => {
    const { store } = keys();
    // Header and claims whose base64 lengths need padding, so every segment carries `=`.
    const padded = mintAlbToken({ key, claims: { name: "ab" } });
    const segments = padded.split(".");
    expect(segments.filter((s) => s.endsWith("=")).length).toBeGreaterThanOrEqual(2);
    expect(await verifyAlbToken(padded, arns, store)).toMatchObject({ ok: true });
    const stripped = segments.map((s) => s.replace(/=+$/, "")).join(".");
    expect(await verifyAlbToken(stripped, arns, store)).toEqual({ ok: false, unavailable: false, reason: "has an invalid signature" });
    // A strict (unpadded) JWT signed as such is fine too, and so is a signature in standard base64.
    expect(await verifyAlbToken(mintAlbToken({ key, pad: false }), arns, store)).toMatchObject({ ok: true });
    const [h, p, sig] = mintAlbToken({ key }).split(".");
    const standardSig = Buffer.from(sig, "base64url").toString("base64");
    expect(await verifyAlbToken(`${h}.${p}.${standardSig}`, arns, store)).toMatchObject({ ok: true });
  });

  it("a token signed by another key (a forgery naming the ALB's key ID): 401", async () => {
    const { store } = keys();
    const forger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
    expect(await verifyAlbToken(mintAlbToken({ key, signWith: forger }), arns, store)).toEqual({
      ok: false,
      unavailable: false,
      reason: "has an invalid signature",
    });
  });

  it("a genuine token with its claims changed (another user): 401", async () => {
    const { store } = keys();
    const [h, , sig] = mintAlbToken({ key }).split(".");
    const otherClaims = Buffer.from(JSON.stringify({ sub: "x", email: "admin@example.com", exp: Math.floor(Date.now() / 1000) + 60 })).toString("base64url");
    expect(await verifyAlbToken(`${h}.${otherClaims}.${sig}`, arns, store)).toMatchObject({ ok: false, reason: "has an invalid signature" });
  });

  it("a token from another load balancer (signer not in ALB_ARN): 401, and no key is fetched", async () => {
    const { store, fetch } = keys();
    for (const signer of [OTHER_ALB_ARN, `${TEST_ALB_ARN} `, TEST_ALB_ARN.toUpperCase(), ""]) {
      expect(await verifyAlbToken(mintAlbToken({ key, signer }), arns, store)).toMatchObject({
        ok: false,
        unavailable: false,
        reason: expect.stringContaining("ALB_ARN"),
      });
    }
    expect(await verifyAlbToken(mintAlbToken({ key, header: { signer: undefined } }), arns, store)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("ALB_ARN"),
    });
    expect(fetch).not.toHaveBeenCalled();
    // Either of two configured ALBs is fine.
    expect(await verifyAlbToken(mintAlbToken({ key, signer: OTHER_ALB_ARN }), [TEST_ALB_ARN, OTHER_ALB_ARN], store)).toMatchObject({ ok: true });
  });

  it("expired (header or claims exp, beyond 60 s of clock skew), or no expiry at all: 401", async () => {
    const { store } = keys();
    const now = Date.now();
    expect(await verifyAlbToken(mintAlbToken({ key, expiresInS: -61, now }), arns, store, now)).toEqual({
      ok: false,
      unavailable: false,
      reason: "has expired",
    });
    expect(await verifyAlbToken(mintAlbToken({ key, expiresInS: -30, now }), arns, store, now)).toMatchObject({ ok: true });
    const past = Math.floor(now / 1000) - 3600;
    expect(await verifyAlbToken(mintAlbToken({ key, header: { exp: past } }), arns, store, now)).toMatchObject({ reason: "has expired" });
    expect(await verifyAlbToken(mintAlbToken({ key, claims: { exp: past } }), arns, store, now)).toMatchObject({ reason: "has expired" });
    expect(await verifyAlbToken(mintAlbToken({ key, header: { exp: undefined }, claims: { exp: undefined } }), arns, store, now)).toMatchObject({
      reason: "has no valid expiry",
    });
    expect(await verifyAlbToken(mintAlbToken({ key, header: { exp: "soon" } }), arns, store, now)).toMatchObject({ reason: "has no valid expiry" });
    // Only one of the two present is enough; a string of digits is tolerated.
    expect(await verifyAlbToken(mintAlbToken({ key, claims: { exp: undefined } }), arns, store, now)).toMatchObject({ ok: true });
    expect(await verifyAlbToken(mintAlbToken({ key, header: { exp: String(Math.floor(now / 1000) + 60) } }), arns, store, now)).toMatchObject({ ok: true });
  });

  it("alg none, HS256 (keyed with the public key) or anything but ES256: 401 before any key is fetched", async () => {
    const { store, fetch } = keys();
    const exp = Math.floor(Date.now() / 1000) + 120;
    const claims = b64url(JSON.stringify({ sub: "x", email: "admin@example.com", exp }));
    const none = b64url(JSON.stringify({ alg: "none", kid: key.kid, signer: TEST_ALB_ARN, exp }));
    expect(await verifyAlbToken(`${none}.${claims}.`, arns, store)).toMatchObject({ ok: false, reason: "is not a JWT" });
    expect(await verifyAlbToken(`${none}.${claims}.AA`, arns, store)).toMatchObject({ ok: false, reason: "is not signed with ES256" });
    const hs = b64url(JSON.stringify({ alg: "HS256", kid: key.kid, signer: TEST_ALB_ARN, exp }));
    const mac = createHmac("sha256", key.publicPem).update(`${hs}.${claims}`).digest("base64url");
    expect(await verifyAlbToken(`${hs}.${claims}.${mac}`, arns, store)).toMatchObject({ ok: false, reason: "is not signed with ES256" });
    for (const alg of ["ES384", "RS256", "es256", undefined]) {
      expect(await verifyAlbToken(mintAlbToken({ key, header: { alg } }), arns, store), String(alg)).toMatchObject({
        ok: false,
        reason: "is not signed with ES256",
      });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("no header, an empty one, or one that is not a JWT: 401", async () => {
    const { store } = keys();
    for (const token of [
      null,
      "",
      "   ",
      "abc",
      "a.b",
      "a.b.c.d",
      "!!.??.##",
      `${b64url("[]")}.${b64url("{}")}.AA`,
      `${b64url("{")}.${b64url("{}")}.AA`,
      "x".repeat(20_000),
    ]) {
      expect(await verifyAlbToken(token, arns, store), String(token).slice(0, 20)).toMatchObject({ ok: false, unavailable: false });
    }
    expect(await verifyAlbToken(null, arns, store)).toMatchObject({ reason: "is missing" });
  });

  it("a malformed key ID (it goes into the key URL): 401 without a fetch", async () => {
    const { store, fetch } = keys();
    for (const kid of ["../../../etc/passwd", "a/b", "..", "https://evil.example/k", 42]) {
      expect(await verifyAlbToken(mintAlbToken({ key, header: { kid } }), arns, store), String(kid)).toMatchObject({ ok: false, unavailable: false });
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("a header sent past the load balancer: a client's own well-formed token, right signer and fresh, with its own key ID or the ALB's: 401", async () => {
    const { store } = keys();
    const own = newAlbKey();
    expect(await verifyAlbToken(mintAlbToken({ key: own }), arns, store)).toMatchObject({
      ok: false,
      unavailable: false,
      reason: expect.stringContaining("does not have"),
    });
    expect(await verifyAlbToken(mintAlbToken({ key, signWith: own.privateKey }), arns, store)).toMatchObject({
      ok: false,
      unavailable: false,
      reason: "has an invalid signature",
    });
  });

  it("a token without a user (no email, no sub): 401", async () => {
    const { store } = keys();
    expect(await verifyAlbToken(mintAlbToken({ key, claims: { email: undefined, sub: undefined } }), arns, store)).toMatchObject({
      ok: false,
      reason: expect.stringContaining("no user"),
    });
  });

  it("each key is fetched once, however many requests carry it", async () => {
    const { store, fetch } = keys();
    for (let i = 0; i < 5; i++)
      expect(await verifyAlbToken(mintAlbToken({ key, claims: { email: `u${i}@example.com` } }), arns, store)).toMatchObject({ ok: true });
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("the key service down: refused as unavailable (503), whatever the token", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const { store } = keys(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await verifyAlbToken(mintAlbToken({ key }), arns, store)).toMatchObject({ ok: false, unavailable: true });
    errors.mockRestore();
  });
});
