/** The S3 snapshot store through the real S3Client against the wire-level AWS test server. */
import { gunzipSync } from "node:zlib";
import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, beforeEach, describe, expect, it, onTestFinished, vi } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "../../test/aws-server";
import { s3Client } from "../../test/aws-server/sdk-clients";
import { ApiError } from "../http/api-error";
import { snapshotRepositoryContract } from "./repository-contract";
import { createSnapshotS3Client } from "./s3-client";
import { S3SnapshotRepository, type S3SnapshotStoreOptions } from "./s3-snapshot-repository";
import { fromExport } from "./snapshot-export";
import { testPayload, testSnapshot } from "./test-payload";

const BUCKET = "sightline-snapshots";
let server: AwsTestServer;
let prefixes = 0;

beforeAll(async () => {
  server = await startAwsTestServer();
  server.createBucket(BUCKET);
});
afterAll(() => server.close());
beforeEach(() => server.clearFaults());

function client(): S3Client {
  const c = s3Client(server);
  onTestFinished(() => c.destroy());
  return c;
}

/** A repository on a prefix of its own (a fresh bucket, as far as it can tell); `replica` shares another's prefix. */
function repository(options: Partial<S3SnapshotStoreOptions> = {}, replica?: S3SnapshotRepository): S3SnapshotRepository {
  const prefix = replica ? replica.location.slice(`s3://${BUCKET}/`.length) : `team/snapshots-${++prefixes}`;
  return new S3SnapshotRepository({ client: client(), bucket: BUCKET, prefix, encryption: null, ...options });
}

const prefixOf = (repo: S3SnapshotRepository) => repo.location.slice(`s3://${BUCKET}/`.length);
const since = (start: number) => server.calls.slice(start);
const ops = (start: number) => since(start).map((c) => c.op);
const inputs = (start: number, op: string) =>
  since(start)
    .filter((c) => c.op === op)
    .map((c) => c.input as Record<string, unknown>);
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error as ApiError,
  );

/** Runs `between` once, when `client` is about to send its first `command` (after any read before it). */
function before(c: S3Client, command: string, between: () => Promise<unknown>): void {
  let done = false;
  c.middlewareStack.add(
    (next, context) => async (args) => {
      if (!done && context.commandName === command) {
        done = true;
        await between();
      }
      return next(args);
    },
    { step: "initialize", name: `before-${command}` },
  );
}

describe("S3 snapshot repository", () => {
  snapshotRepositoryContract(async () => repository());

  it("stores one gzipped JSON object per snapshot at <prefix>/<id>.json.gz: the export file, which imports as it is", async () => {
    const repo = repository();
    const { id } = await repo.create(testSnapshot({ title: "stored", note: "n" }));
    const object = server.s3Object(BUCKET, `${prefixOf(repo)}/${id}.json.gz`)!;
    expect(object).toMatchObject({ contentType: "application/json", contentEncoding: "gzip" });
    const document = JSON.parse(gunzipSync(object.body).toString("utf8")) as Record<string, unknown>;
    expect(document).toMatchObject({ sightlineSnapshot: 1, id, title: "stored", note: "n" });
    const imported = fromExport(document);
    expect(imported.ok && imported.snapshot.payload).toEqual(testPayload());
    expect(Object.keys(object.metadata)).toEqual(["sightline-meta"]);
  });

  it("sends the configured server-side encryption on every write, and none of its own without it", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const start = server.calls.length;
    const kms = repository({ encryption: { mode: "aws:kms", kmsKeyId: key } });
    const { id } = await kms.create(testSnapshot());
    await kms.update(id, { title: "renamed" });
    const aes = repository({ encryption: { mode: "AES256" } });
    await aes.create(testSnapshot());
    const plain = repository();
    const unencrypted = await plain.create(testSnapshot());
    const puts = inputs(start, "PutObject");
    expect(puts.map((p) => [p.ServerSideEncryption, p.SSEKMSKeyId])).toEqual([
      ["aws:kms", key],
      ["aws:kms", key],
      ["AES256", undefined],
      [undefined, undefined],
    ]);
    expect(server.s3Object(BUCKET, `${prefixOf(kms)}/${id}.json.gz`)).toMatchObject({ serverSideEncryption: "aws:kms", kmsKeyId: key });
    // Without a setting, the bucket's default encryption applies (the test server's: SSE-S3, as S3's).
    expect(server.s3Object(BUCKET, `${prefixOf(plain)}/${unencrypted.id}.json.gz`)).toMatchObject({ serverSideEncryption: "AES256", kmsKeyId: null });
    const managed = repository({ encryption: { mode: "aws:kms", kmsKeyId: null } });
    await managed.create(testSnapshot());
    expect(inputs(start, "PutObject").at(-1)).toMatchObject({ ServerSideEncryption: "aws:kms" });
    expect(inputs(start, "PutObject").at(-1)).not.toHaveProperty("SSEKMSKeyId");
  });

  it("lists past the first 1000 keys, and a second list of unchanged snapshots costs one ListObjectsV2 a page and nothing else", async () => {
    const writer = repository();
    const created: number[] = [];
    for (let i = 0; i < 1_050; i += 75) {
      const batch = Array.from({ length: Math.min(75, 1_050 - i) }, (_, j) => 1_000 + i + j);
      await Promise.all(batch.map((createdAt) => writer.create(testSnapshot({ title: `s${createdAt}`, createdAt }))));
      created.push(...batch);
    }
    const reader = repository({}, writer);
    const start = server.calls.length;
    const list = await reader.list(500);
    expect(list).toHaveLength(500);
    expect(list[0].title).toBe("s2049");
    expect(list[499].title).toBe("s1550");
    expect(ops(start).filter((op) => op === "ListObjectsV2")).toHaveLength(2);
    expect(ops(start).filter((op) => op === "HeadObject")).toHaveLength(1_050);
    expect(ops(start)).not.toContain("GetObject");

    const again = server.calls.length;
    expect((await reader.list(500)).map((s) => s.id)).toEqual(list.map((s) => s.id));
    expect(ops(again)).toEqual(["ListObjectsV2", "ListObjectsV2"]);
    // The writer knows what it wrote.
    const own = server.calls.length;
    await writer.list(10);
    expect(ops(own)).toEqual(["ListObjectsV2", "ListObjectsV2"]);
    expect(created).toHaveLength(1_050);
  });

  it("sees another replica's rename and delete at the next list: one HeadObject for the changed snapshot", async () => {
    const a = repository();
    const b = repository({}, a);
    const first = await a.create(testSnapshot({ title: "first", createdAt: 1 }));
    const second = await a.create(testSnapshot({ title: "second", createdAt: 2 }));
    expect((await b.list(10)).map((s) => s.title)).toEqual(["second", "first"]);
    await b.update(first.id, { title: "renamed on b" });
    const start = server.calls.length;
    expect((await a.list(10)).map((s) => s.title)).toEqual(["second", "renamed on b"]);
    expect(ops(start)).toEqual(["ListObjectsV2", "HeadObject"]);
    expect(await a.delete(second.id)).toBe(true);
    expect((await b.list(10)).map((s) => s.id)).toEqual([first.id]);
    expect(await b.get(second.id)).toBeNull();
  });

  it("lists a snapshot whose fields do not fit S3's 2 KB of metadata from its object", async () => {
    const repo = repository();
    const note = "A long postmortem note. ".repeat(200);
    const start = server.calls.length;
    const { id } = await repo.create(testSnapshot({ note }));
    expect(inputs(start, "PutObject")[0]).not.toHaveProperty("Metadata");
    const reader = repository({}, repo);
    const listStart = server.calls.length;
    expect(await reader.list(10)).toMatchObject([{ id, note }]);
    expect(ops(listStart)).toEqual(["ListObjectsV2", "HeadObject", "GetObject"]);
    const again = server.calls.length;
    await reader.list(10);
    expect(ops(again)).toEqual(["ListObjectsV2"]);
  });

  it("ignores other objects under the prefix, and skips (with a warning) one that is not a snapshot", async () => {
    const repo = repository();
    const { id } = await repo.create(testSnapshot());
    const raw = client();
    const bogus = "0123456789abcdef0123456789abcdef";
    await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(repo)}/README.txt`, Body: "notes" }));
    await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(repo)}/${bogus}.json.gz`, Body: "not gzip" }));
    await raw.send(new PutObjectCommand({ Bucket: BUCKET, Key: `${prefixOf(repo)}-other/${bogus}.json.gz`, Body: "elsewhere" }));
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    onTestFinished(() => warn.mockRestore());
    expect((await repository({}, repo).list(10)).map((s) => s.id)).toEqual([id]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`${bogus} is not a Sightline snapshot (not gzipped JSON)`));
    const error = await failure(repo.get(bogus));
    expect(error).toMatchObject({ status: 502, code: "snapshot_store_corrupt" });
  });

  it("keeps a rename made on another replica between this one's read and write, and reads again (If-Match)", async () => {
    const aClient = client();
    const a = repository({ client: aClient });
    const b = repository({}, a);
    const { id } = await a.create(testSnapshot({ title: "original", note: "original" }));
    before(aClient, "PutObjectCommand", () => b.update(id, { note: "noted on b" }));
    const start = server.calls.length;
    expect(await a.update(id, { title: "titled on a" })).toMatchObject({ title: "titled on a", note: "noted on b" });
    expect(await b.get(id)).toMatchObject({ title: "titled on a", note: "noted on b" });
    const aPuts = since(start).filter((c) => c.op === "PutObject");
    expect(aPuts.map((c) => c.error ?? "ok")).toEqual(["ok", "PreconditionFailed", "ok"]);
    expect(inputs(start, "PutObject").every((p) => typeof p.IfMatch === "string")).toBe(true);
  });

  it("does not bring back a snapshot deleted on another replica while this one renames it", async () => {
    const aClient = client();
    const a = repository({ client: aClient });
    const b = repository({}, a);
    const { id } = await a.create(testSnapshot());
    before(aClient, "PutObjectCommand", () => b.delete(id));
    expect(await a.update(id, { title: "too late" })).toBeNull();
    expect(await b.get(id)).toBeNull();
    expect(await a.list(10)).toEqual([]);
  });

  it("leaves nothing listed when a put fails, its answer lost after it landed included", async () => {
    const repo = repository();
    server.inject("PutObject", { kind: "serverError" });
    expect(await failure(repo.create(testSnapshot()))).toMatchObject({ status: 502, code: "aws_error" });
    server.inject("PutObject", { kind: "lostAnswer" });
    const start = server.calls.length;
    expect(await failure(repo.create(testSnapshot()))).toMatchObject({ status: 504, code: "aws_unreachable" });
    // It landed; the repository took it away again before answering.
    expect(ops(start)).toEqual(["PutObject", "DeleteObject"]);
    expect(inputs(start, "DeleteObject")[0].Key).toBe(inputs(start, "PutObject")[0].Key);
    expect(await repository({}, repo).list(10)).toEqual([]);
  });

  it("answers null and false for a snapshot that is not there", async () => {
    const repo = repository();
    const missing = "f".repeat(32);
    const start = server.calls.length;
    expect(await repo.get(missing)).toBeNull();
    expect(await repo.update(missing, { title: "x" })).toBeNull();
    expect(await repo.delete(missing)).toBe(false);
    expect(ops(start)).toEqual(["GetObject", "GetObject", "HeadObject"]);
  });

  it("turns S3 failures into errors that say what to fix", async () => {
    const missing = repository({ bucket: "no-such-bucket" });
    expect(await failure(missing.list(10))).toMatchObject({ status: 502, code: "snapshot_store_missing", message: expect.stringContaining("SNAPSHOT_STORE") });
    const kms = repository({ encryption: { mode: "aws:kms", kmsKeyId: null } });
    server.inject("PutObject", { kind: "accessDenied", count: 1 });
    const denied = await failure(kms.create(testSnapshot()));
    expect(denied).toBeInstanceOf(Error);
    expect(ApiError.is(denied)).toBe(true);
    expect(denied).toMatchObject({ status: 502, code: "aws_access_denied" });
    expect(denied.message).toMatch(/^AWS denied s3:PutObject: .* With SSE-KMS, the role also needs kms:GenerateDataKey on the key\.$/);
    server.inject("ListObjectsV2", { kind: "throttle", count: 1 });
    expect(await failure(repository().list(10))).toMatchObject({ status: 503, code: "aws_throttled", message: expect.stringMatching(/^S3 is throttling/) });
  });

  it("is reachable for readiness with one ListObjectsV2 of one key; a missing bucket is not", async () => {
    const repo = repository();
    const start = server.calls.length;
    expect(await repo.checkReachable(2_000)).toEqual({ ok: true, detail: { store: "s3", reachable: true } });
    expect(inputs(start, "ListObjectsV2")).toEqual([{ Bucket: BUCKET, Prefix: `${prefixOf(repo)}/`, MaxKeys: 1 }]);
    expect(await repository({ bucket: "no-such-bucket" }).checkReachable(2_000)).toEqual({
      ok: false,
      detail: { store: "s3", reachable: false, code: "snapshot_store_missing" },
    });
    server.inject("ListObjectsV2", { kind: "accessDenied", count: 1 });
    expect(await repo.checkReachable(2_000)).toEqual({ ok: true, detail: { store: "s3", reachable: true, code: "aws_access_denied" } });
    server.inject("ListObjectsV2", { kind: "slow", ms: 2_000 });
    expect(await repo.checkReachable(200)).toMatchObject({ ok: false, detail: { code: "aws_unreachable" } });
  });

  it("reaches S3 path-style through AWS_ENDPOINT_URL, configured from the environment alone", async () => {
    const env = {
      AWS_ENDPOINT_URL: server.url,
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "AKIDFROMENV",
      AWS_SECRET_ACCESS_KEY: "secret",
      AWS_MAX_ATTEMPTS: "1",
    };
    const saved = { ...process.env };
    Object.assign(process.env, env);
    onTestFinished(() => {
      for (const key of Object.keys(env)) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    });
    const c = createSnapshotS3Client(process.env);
    onTestFinished(() => c.destroy());
    const repo = new S3SnapshotRepository({ client: c, bucket: BUCKET, prefix: "from-env", encryption: null });
    const { id } = await repo.create(testSnapshot());
    expect(server.s3Object(BUCKET, `from-env/${id}.json.gz`)).toBeDefined();
    expect((await repo.list(10)).map((s) => s.id)).toEqual([id]);
  });
});
