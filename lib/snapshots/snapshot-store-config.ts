/**
 * Where snapshots are kept, from the environment; an invalid value stops start-up with a
 * ConfigError naming the variable.
 *
 * - SNAPSHOT_STORE: `sqlite` (default: the embedded store's file in DATA_DIR) or
 *   `s3://<bucket>/<prefix>` (one object per snapshot, shared by every replica).
 * - SNAPSHOT_S3_SSE: `AES256` or `aws:kms`, the server-side encryption each object is written
 *   with; unset, the bucket's default encryption applies.
 * - SNAPSHOT_S3_KMS_KEY_ID: the KMS key for `aws:kms` (key ID or ARN); unset, the account's
 *   AWS managed key aws/s3.
 */
import { ConfigError } from "../config-error";

export type S3Encryption = { mode: "AES256" } | { mode: "aws:kms"; kmsKeyId: string | null };

export type SnapshotStoreConfig =
  | { kind: "sqlite" }
  | {
      kind: "s3";
      bucket: string;
      /** Without leading or trailing slash; "" for the bucket's top level. */
      prefix: string;
      /** null: the bucket's default encryption. */
      encryption: S3Encryption | null;
    };

type Env = Record<string, string | undefined>;

const invalid = (message: string) => new ConfigError(`Invalid configuration: ${message}`);
const shown = (value: string) => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** S3's rules for new general-purpose buckets: 3–63 characters, lowercase letters, digits, dots and hyphens, a letter or digit at each end, not an IP address. */
function checkBucket(bucket: string): void {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    throw invalid(`SNAPSHOT_STORE: ${shown(bucket)} is not an S3 bucket name (3 to 63 lowercase letters, digits, dots and hyphens)`);
  }
}

/** Keys are `<prefix>/<32 hex digits>.json.gz`: at most 1024 bytes, so the prefix takes at most 900. */
function checkPrefix(prefix: string): void {
  const segments = prefix.split("/");
  if (prefix === "") return;
  if (segments.some((s) => s === "" || s === "." || s === "..")) {
    throw invalid(`SNAPSHOT_STORE: the prefix ${shown(prefix)} has an empty, "." or ".." segment`);
  }
  if (/[\u0000-\u001f\u007f\\]/.test(prefix)) throw invalid(`SNAPSHOT_STORE: the prefix ${shown(prefix)} has a control character or a backslash`);
  if (Buffer.byteLength(prefix) > 900) throw invalid("SNAPSHOT_STORE: the prefix is longer than 900 bytes");
}

function parseLocation(raw: string): { bucket: string; prefix: string } | null {
  if (!raw.startsWith("s3://")) return null;
  const rest = raw.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  const prefix = slash < 0 ? "" : rest.slice(slash + 1).replace(/\/+$/, "");
  checkBucket(bucket);
  checkPrefix(prefix);
  return { bucket, prefix };
}

function parseEncryption(env: Env): S3Encryption | null {
  const sse = env.SNAPSHOT_S3_SSE?.trim() ?? "";
  const keyId = env.SNAPSHOT_S3_KMS_KEY_ID?.trim() ?? "";
  if (sse !== "" && sse !== "AES256" && sse !== "aws:kms") throw invalid(`SNAPSHOT_S3_SSE must be "AES256" or "aws:kms", got ${shown(sse)}`);
  if (keyId !== "" && sse !== "aws:kms") throw invalid("SNAPSHOT_S3_KMS_KEY_ID needs SNAPSHOT_S3_SSE=aws:kms");
  if (keyId !== "" && !/^[A-Za-z0-9:/_-]{1,2048}$/.test(keyId)) throw invalid(`SNAPSHOT_S3_KMS_KEY_ID: ${shown(keyId)} is not a KMS key ID or ARN`);
  if (sse === "aws:kms") return { mode: "aws:kms", kmsKeyId: keyId || null };
  return sse === "AES256" ? { mode: "AES256" } : null;
}

export function parseSnapshotStoreConfig(env: Env): SnapshotStoreConfig {
  const raw = env.SNAPSHOT_STORE?.trim() ?? "";
  if (raw === "" || raw === "sqlite") {
    for (const name of ["SNAPSHOT_S3_SSE", "SNAPSHOT_S3_KMS_KEY_ID"]) {
      if (env[name]?.trim()) throw invalid(`${name} needs SNAPSHOT_STORE=s3://<bucket>/<prefix>`);
    }
    return { kind: "sqlite" };
  }
  const location = parseLocation(raw);
  if (!location) throw invalid(`SNAPSHOT_STORE must be "sqlite" or s3://<bucket>/<prefix>, got ${shown(raw)}`);
  return { kind: "s3", ...location, encryption: parseEncryption(env) };
}
