/**
 * Tokens as an Application Load Balancer writes them into x-amzn-oidc-data, for the AUTH_MODE=alb
 * tests: a P-256 key pair per key ID, a JSON header (alg ES256, kid, signer, iss, client, exp) and
 * claims, base64url *with* `=` padding, ES256-signed over the padded segments (ELB user guide,
 * "Authenticate users using an Application Load Balancer").
 */
import { generateKeyPairSync, randomUUID, sign, type KeyObject } from "node:crypto";

export const TEST_ALB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188";
export const OTHER_ALB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/someone-else/0123456789abcdef";

export interface AlbSigningKey {
  kid: string;
  privateKey: KeyObject;
  /** The public key as AWS's key service serves it: PEM, SubjectPublicKeyInfo. */
  publicPem: string;
}

export function newAlbKey(kid: string = randomUUID()): AlbSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { kid, privateKey, publicPem: publicKey.export({ type: "spki", format: "pem" }).toString() };
}

const b64 = (bytes: Buffer, pad: boolean) => {
  const s = bytes.toString("base64url");
  return pad ? s.padEnd(Math.ceil(s.length / 4) * 4, "=") : s;
};

export interface MintOptions {
  key: AlbSigningKey;
  signer?: string;
  /** Seconds from now until the token expires (negative: already expired). */
  expiresInS?: number;
  now?: number;
  /** Merged over the ALB's header fields (set one to undefined to drop it). */
  header?: Record<string, unknown>;
  claims?: Record<string, unknown>;
  /** `=` padding on every segment, as the ALB sends; false for a strict-JWT encoding. */
  pad?: boolean;
  /** Sign with this key instead of `key` (a forgery: the header still names `key`'s kid). */
  signWith?: KeyObject;
}

export function mintAlbToken(o: MintOptions): string {
  const pad = o.pad ?? true;
  const exp = Math.floor((o.now ?? Date.now()) / 1000) + (o.expiresInS ?? 120);
  const header = {
    typ: "JWT",
    kid: o.key.kid,
    alg: "ES256",
    iss: "https://idp.example.com",
    client: "sightline-client",
    signer: o.signer ?? TEST_ALB_ARN,
    exp,
    ...o.header,
  };
  const claims = { sub: "9f1c2d3e-sub", email: "sre@example.com", email_verified: "true", name: "S. R. E.", exp, iss: "https://idp.example.com", ...o.claims };
  const input = `${b64(Buffer.from(JSON.stringify(header)), pad)}.${b64(Buffer.from(JSON.stringify(claims)), pad)}`;
  const signature = sign("sha256", Buffer.from(input), { key: o.signWith ?? o.key.privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${b64(signature, pad)}`;
}
