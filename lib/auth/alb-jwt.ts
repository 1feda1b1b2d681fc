/**
 * AUTH_MODE=alb: whether the `x-amzn-oidc-data` header is a token an Application Load Balancer of
 * ours signed, and for whom. Any client can send the header; only the signature tells the ALB's
 * from a forgery (ELB user guide, "Authenticate users using an Application Load Balancer").
 *
 * The token is a JWT as the ALB writes it: header (alg ES256, kid, signer = the ALB's ARN, exp, …),
 * claims (sub, email, exp, …), signature; base64url *with* `=` padding, and the signature covers
 * the segments exactly as sent, padding included. jose verifies it as is (it decodes padded
 * base64url, and signs over the raw segments); stripping the padding first would break every real
 * token. The signature segment is not signed, so it alone may also be in standard base64.
 *
 * Cheap checks first (shape, alg, kid, signer, exp), so a token that fails them costs no key fetch.
 */
import { compactVerify, errors } from "jose";
import { parseAlbArn } from "./alb-arn";
import type { AlbKeySource } from "./alb-keys";

export const ALB_DATA_HEADER = "x-amzn-oidc-data";

export type AlbVerdict = { ok: true; user: string } | { ok: false; unavailable: boolean; reason: string };

/** The ALB's claims are at most 11 KB; anything far past that is not one. */
const MAX_TOKEN = 16 * 1024;
const CLOCK_SKEW_S = 60;
const MAX_USER = 200;
/** base64url with optional padding: what the ALB sends for the signed segments. */
const SIGNED_SEGMENT = /^[A-Za-z0-9_-]+={0,2}$/;
const SIGNATURE_SEGMENT = /^[A-Za-z0-9_+/-]+={0,2}$/;

const refuse = (reason: string): AlbVerdict => ({ ok: false, unavailable: false, reason });

function decodeJson(segment: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(segment, "base64url").toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Seconds since the epoch: a number, or (tolerated) a string of digits; undefined when absent, NaN when neither. */
function expiry(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\d{1,12}$/.test(value)) return Number(value);
  return Number.NaN;
}

const nonEmpty = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);

export async function verifyAlbToken(token: string | null, arns: readonly string[], keys: AlbKeySource, nowMs = Date.now()): Promise<AlbVerdict> {
  const raw = token?.trim() ?? "";
  if (!raw) return refuse("is missing");
  if (raw.length > MAX_TOKEN) return refuse("is too long");
  const parts = raw.split(".");
  if (parts.length !== 3 || !SIGNED_SEGMENT.test(parts[0]) || !SIGNED_SEGMENT.test(parts[1]) || !SIGNATURE_SEGMENT.test(parts[2])) {
    return refuse("is not a JWT");
  }
  const header = decodeJson(parts[0]);
  const claims = decodeJson(parts[1]);
  if (!header || !claims) return refuse("is not a JWT");

  // Exactly ES256: never "none", an HMAC keyed with the public key, or anything else the token asks for.
  if (header.alg !== "ES256") return refuse("is not signed with ES256");
  if (typeof header.kid !== "string") return refuse("names no key ID");
  const signer = typeof header.signer === "string" && arns.includes(header.signer) ? parseAlbArn(header.signer) : null;
  if (!signer) return refuse("is not signed by the configured load balancer (ALB_ARN)");

  const expiries = [expiry(header.exp), expiry(claims.exp)].filter((e): e is number => e !== undefined);
  if (expiries.length === 0 || expiries.some(Number.isNaN)) return refuse("has no valid expiry");
  if (expiries.some((e) => e * 1000 + CLOCK_SKEW_S * 1000 <= nowMs)) return refuse("has expired");

  const user = nonEmpty(claims.email) ?? nonEmpty(claims.sub);
  if (user === null) return refuse("names no user (email or sub)");

  const lookup = await keys.key(header.kid, signer);
  if (!lookup.ok) return lookup;

  const signature = parts[2].replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  try {
    await compactVerify(`${parts[0]}.${parts[1]}.${signature}`, lookup.key, { algorithms: ["ES256"] });
  } catch (err) {
    if (err instanceof errors.JOSEError)
      return refuse(err instanceof errors.JWSSignatureVerificationFailed ? "has an invalid signature" : "is not a valid JWS");
    throw err;
  }
  return { ok: true, user: user.slice(0, MAX_USER) };
}
