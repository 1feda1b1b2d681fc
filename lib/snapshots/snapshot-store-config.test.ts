import { describe, expect, it } from "vitest";
import { parseSnapshotStoreConfig } from "./snapshot-store-config";

const error = (env: Record<string, string>) => {
  try {
    parseSnapshotStoreConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a ConfigError");
};

describe("SNAPSHOT_STORE", () => {
  it("is the embedded store by default", () => {
    expect(parseSnapshotStoreConfig({})).toEqual({ kind: "sqlite" });
    expect(parseSnapshotStoreConfig({ SNAPSHOT_STORE: " sqlite " })).toEqual({ kind: "sqlite" });
  });

  it("reads s3://bucket/prefix, with or without a prefix and its slashes", () => {
    expect(parseSnapshotStoreConfig({ SNAPSHOT_STORE: "s3://team-sightline/prod/snapshots/" })).toEqual({
      kind: "s3",
      bucket: "team-sightline",
      prefix: "prod/snapshots",
      encryption: null,
    });
    expect(parseSnapshotStoreConfig({ SNAPSHOT_STORE: "s3://my.bucket" })).toMatchObject({ bucket: "my.bucket", prefix: "" });
    expect(parseSnapshotStoreConfig({ SNAPSHOT_STORE: "s3://abc/" })).toMatchObject({ bucket: "abc", prefix: "" });
  });

  it("refuses anything else, naming the variable", () => {
    expect(error({ SNAPSHOT_STORE: "postgres://x" })).toBe(
      'Invalid configuration: SNAPSHOT_STORE must be "sqlite" or s3://<bucket>/<prefix>, got "postgres://x"',
    );
    expect(error({ SNAPSHOT_STORE: "s3://My_Bucket/x" })).toMatch(/^Invalid configuration: SNAPSHOT_STORE: "My_Bucket" is not an S3 bucket name/);
    expect(error({ SNAPSHOT_STORE: "s3://ab" })).toMatch(/"ab" is not an S3 bucket name/);
    expect(error({ SNAPSHOT_STORE: "s3://192.168.1.1/x" })).toMatch(/is not an S3 bucket name/);
    expect(error({ SNAPSHOT_STORE: "s3:///prefix" })).toMatch(/"" is not an S3 bucket name/);
    expect(error({ SNAPSHOT_STORE: "s3://bucket/a//b" })).toMatch(/empty, "\." or "\.\." segment/);
    expect(error({ SNAPSHOT_STORE: "s3://bucket/../b" })).toMatch(/empty, "\." or "\.\." segment/);
    expect(error({ SNAPSHOT_STORE: "s3://bucket/a\tb" })).toMatch(/control character/);
    expect(error({ SNAPSHOT_STORE: `s3://bucket/${"p".repeat(901)}` })).toMatch(/longer than 900 bytes/);
  });
});

describe("SNAPSHOT_S3_SSE and SNAPSHOT_S3_KMS_KEY_ID", () => {
  const s3 = { SNAPSHOT_STORE: "s3://bucket/p" };

  it("take AES256, or aws:kms with or without a key", () => {
    expect(parseSnapshotStoreConfig({ ...s3, SNAPSHOT_S3_SSE: "AES256" })).toMatchObject({ encryption: { mode: "AES256" } });
    expect(parseSnapshotStoreConfig({ ...s3, SNAPSHOT_S3_SSE: "aws:kms" })).toMatchObject({ encryption: { mode: "aws:kms", kmsKeyId: null } });
    const arn = "arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    expect(parseSnapshotStoreConfig({ ...s3, SNAPSHOT_S3_SSE: "aws:kms", SNAPSHOT_S3_KMS_KEY_ID: arn })).toMatchObject({
      encryption: { mode: "aws:kms", kmsKeyId: arn },
    });
  });

  it("refuses an unknown method, a key without aws:kms, a malformed key, and either without an S3 store", () => {
    expect(error({ ...s3, SNAPSHOT_S3_SSE: "aes256" })).toBe('Invalid configuration: SNAPSHOT_S3_SSE must be "AES256" or "aws:kms", got "aes256"');
    expect(error({ ...s3, SNAPSHOT_S3_KMS_KEY_ID: "k" })).toBe("Invalid configuration: SNAPSHOT_S3_KMS_KEY_ID needs SNAPSHOT_S3_SSE=aws:kms");
    expect(error({ ...s3, SNAPSHOT_S3_SSE: "AES256", SNAPSHOT_S3_KMS_KEY_ID: "k" })).toMatch(/needs SNAPSHOT_S3_SSE=aws:kms/);
    expect(error({ ...s3, SNAPSHOT_S3_SSE: "aws:kms", SNAPSHOT_S3_KMS_KEY_ID: "key id with spaces" })).toMatch(/is not a KMS key ID or ARN/);
    expect(error({ SNAPSHOT_S3_SSE: "AES256" })).toBe("Invalid configuration: SNAPSHOT_S3_SSE needs SNAPSHOT_STORE=s3://<bucket>/<prefix>");
    expect(error({ SNAPSHOT_STORE: "sqlite", SNAPSHOT_S3_KMS_KEY_ID: "k" })).toMatch(/^Invalid configuration: SNAPSHOT_S3_KMS_KEY_ID needs SNAPSHOT_STORE=s3:/);
  });
});
