/**
 * The S3 subset through the real S3Client (path-style): objects with their metadata and
 * encryption, listing pages, conditional writes, what S3 checks on upload, and faults.
 */
import { createHash } from "node:crypto";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  NoSuchBucket,
  NoSuchKey,
  NotFound,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AwsTestServer, startAwsTestServer } from "./index";
import { AWS_MANAGED_S3_KEY } from "./s3/s3-handlers";
import { s3Client } from "./sdk-clients";

let server: AwsTestServer;
let s3: S3Client;
beforeEach(async () => {
  server = await startAwsTestServer();
  server.createBucket("snapshots");
  s3 = s3Client(server);
});
afterEach(async () => {
  s3.destroy();
  await server.close();
});

const put = (Key: string, Body: string | Buffer = "{}", more: Partial<ConstructorParameters<typeof PutObjectCommand>[0]> = {}) =>
  s3.send(new PutObjectCommand({ Bucket: "snapshots", Key, Body, ...more }));
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error("expected the call to fail");
    },
    (error: unknown) => error as S3ServiceException,
  );
const md5 = (body: string) => `"${createHash("md5").update(body).digest("hex")}"`;
const inputs = (op: string) => server.calls.filter((c) => c.op === op).map((c) => c.input);

/** Rewrites one header of the signed request just before it is sent. */
function tamperHeader(client: S3Client, name: string, value: string): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string> };
      if (request.headers) request.headers[name] = value;
      return next(args);
    },
    { step: "deserialize", name: `tamper-${name}` },
  );
}

describe("objects", () => {
  it("stores a body with its type, encoding and metadata, and answers GetObject and HeadObject with them", async () => {
    const body = JSON.stringify({ hello: "wörld" });
    const written = await put("team/a b+c.json", body, { ContentType: "application/json", ContentEncoding: "identity", Metadata: { title: "checkout" } });
    expect(written.ETag).toBe(md5(body));
    expect(written.ServerSideEncryption).toBe("AES256");

    const got = await s3.send(new GetObjectCommand({ Bucket: "snapshots", Key: "team/a b+c.json" }));
    expect(await got.Body!.transformToString()).toBe(body);
    expect(got).toMatchObject({ ContentType: "application/json", ContentEncoding: "identity", ETag: md5(body), Metadata: { title: "checkout" } });
    expect(got.LastModified).toBeInstanceOf(Date);

    const head = await s3.send(new HeadObjectCommand({ Bucket: "snapshots", Key: "team/a b+c.json" }));
    expect(head).toMatchObject({ ContentLength: Buffer.byteLength(body), ETag: md5(body), Metadata: { title: "checkout" }, ServerSideEncryption: "AES256" });
    expect(server.s3Object("snapshots", "team/a b+c.json")?.body.toString()).toBe(body);
  });

  it("records each call with the SDK's member names, the object's key decoded", async () => {
    await put("p/x y.json.gz", "abc", { ContentType: "application/json", ContentEncoding: "gzip", Metadata: { m: "1" } });
    await s3.send(new ListObjectsV2Command({ Bucket: "snapshots", Prefix: "p/", MaxKeys: 10 }));
    expect(server.calls.map((c) => c.op)).toEqual(["PutObject", "ListObjectsV2"]);
    expect(inputs("PutObject")[0]).toEqual({
      Bucket: "snapshots",
      Key: "p/x y.json.gz",
      ContentType: "application/json",
      ContentEncoding: "gzip",
      Metadata: { m: "1" },
      ContentLength: 3,
    });
    expect(inputs("ListObjectsV2")[0]).toEqual({ Bucket: "snapshots", Prefix: "p/", MaxKeys: 10 });
  });

  it("answers NoSuchKey, NotFound (HEAD) and NoSuchBucket; DeleteObject of a missing key succeeds", async () => {
    expect(await failure(s3.send(new GetObjectCommand({ Bucket: "snapshots", Key: "gone" })))).toBeInstanceOf(NoSuchKey);
    const head = await failure(s3.send(new HeadObjectCommand({ Bucket: "snapshots", Key: "gone" })));
    expect(head).toBeInstanceOf(NotFound);
    expect(head.$metadata.httpStatusCode).toBe(404);
    expect(await failure(s3.send(new ListObjectsV2Command({ Bucket: "nope" })))).toBeInstanceOf(NoSuchBucket);
    expect((await failure(put("x", "1", { Bucket: "nope" }))).name).toBe("NoSuchBucket");
    await put("here");
    await s3.send(new DeleteObjectCommand({ Bucket: "snapshots", Key: "here" }));
    await s3.send(new DeleteObjectCommand({ Bucket: "snapshots", Key: "here" }));
    expect(server.s3Object("snapshots", "here")).toBeUndefined();
  });
});

describe("server-side encryption", () => {
  it("is SSE-S3 by default, as S3 encrypts every new object", async () => {
    await put("plain");
    expect(server.s3Object("snapshots", "plain")).toMatchObject({ serverSideEncryption: "AES256", kmsKeyId: null });
    expect(inputs("PutObject")[0]).not.toHaveProperty("ServerSideEncryption");
  });

  it("honours SSE-KMS with a key, echoes it on every read, and records what the client sent", async () => {
    const key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    const written = await put("kms", "secret", { ServerSideEncryption: "aws:kms", SSEKMSKeyId: key });
    expect(written).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: key });
    // SSE-KMS ETags are not the MD5 of the content.
    expect(written.ETag).not.toBe(md5("secret"));
    const got = await s3.send(new GetObjectCommand({ Bucket: "snapshots", Key: "kms" }));
    expect(got).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: key });
    await got.Body!.transformToString();
    expect(await s3.send(new HeadObjectCommand({ Bucket: "snapshots", Key: "kms" }))).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: key });
    expect(inputs("PutObject")[0]).toMatchObject({ ServerSideEncryption: "aws:kms", SSEKMSKeyId: key });
  });

  it("uses the account's aws/s3 key for SSE-KMS without a key, and refuses a key without SSE-KMS or an unknown method", async () => {
    expect((await put("managed", "x", { ServerSideEncryption: "aws:kms" })).SSEKMSKeyId).toBe(AWS_MANAGED_S3_KEY);
    expect((await put("aes", "x", { ServerSideEncryption: "AES256" })).ServerSideEncryption).toBe("AES256");
    const keyAlone = await failure(put("bad", "x", { SSEKMSKeyId: "some-key" }));
    expect(keyAlone.name).toBe("InvalidArgument");
    expect(keyAlone.$metadata.httpStatusCode).toBe(400);
    expect((await failure(put("bad", "x", { ServerSideEncryption: "rot13" as "AES256" }))).name).toBe("InvalidArgument");
    expect(server.s3Object("snapshots", "bad")).toBeUndefined();
  });
});

describe("ListObjectsV2", () => {
  it("pages 1000 keys at a time past the first thousand, in key order, under the prefix only", async () => {
    const keys = Array.from({ length: 2_345 }, (_, i) => `p/${String(i).padStart(5, "0")}`);
    for (let i = 0; i < keys.length; i += 100) await Promise.all(keys.slice(i, i + 100).map((k) => put(k)));
    await put("p-other/x");
    await put("q/y");
    const pages: { count: number; truncated: boolean | undefined }[] = [];
    const listed: string[] = [];
    let token: string | undefined;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: "snapshots", Prefix: "p/", ContinuationToken: token }));
      pages.push({ count: page.KeyCount ?? 0, truncated: page.IsTruncated });
      listed.push(...(page.Contents ?? []).map((o) => o.Key!));
      token = page.NextContinuationToken;
    } while (token);
    expect(pages).toEqual([
      { count: 1000, truncated: true },
      { count: 1000, truncated: true },
      { count: 345, truncated: false },
    ]);
    expect(listed).toEqual(keys);
  });

  it("answers each key's ETag, size and time; honours MaxKeys and StartAfter; sorts by UTF-8 bytes", async () => {
    await put("k/\u{1F600}", "four");
    await put("k/\uFF5E", "x");
    await put("k/a", "12");
    const page = await s3.send(new ListObjectsV2Command({ Bucket: "snapshots", Prefix: "k/", MaxKeys: 2 }));
    // U+FF5E is EF BD 9E in UTF-8, the emoji F0 9F 98 80: UTF-16 order would put the emoji first.
    expect(page.Contents?.map((o) => o.Key)).toEqual(["k/a", "k/\uFF5E"]);
    expect(page.Contents?.[0]).toMatchObject({ ETag: md5("12"), Size: 2 });
    expect(page.Contents?.[0].LastModified).toBeInstanceOf(Date);
    expect(page.IsTruncated).toBe(true);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: "snapshots", Prefix: "k/", StartAfter: "k/a" }));
    expect(after.Contents?.map((o) => o.Key)).toEqual(["k/\uFF5E", "k/\u{1F600}"]);
    expect((await failure(s3.send(new ListObjectsV2Command({ Bucket: "snapshots", ContinuationToken: "not a token" })))).name).toBe("InvalidArgument");
  });
});

describe("conditional writes", () => {
  it("If-None-Match: * writes only a new key", async () => {
    await put("once", "1", { IfNoneMatch: "*" });
    const again = await failure(put("once", "2", { IfNoneMatch: "*" }));
    expect(again.name).toBe("PreconditionFailed");
    expect(again.$metadata.httpStatusCode).toBe(412);
    expect(server.s3Object("snapshots", "once")?.body.toString()).toBe("1");
  });

  it("If-Match writes only over the version it names; a missing key is NoSuchKey", async () => {
    const first = await put("doc", "v1");
    const second = await put("doc", "v2", { IfMatch: first.ETag });
    expect((await failure(put("doc", "v3", { IfMatch: first.ETag }))).name).toBe("PreconditionFailed");
    expect(server.s3Object("snapshots", "doc")?.body.toString()).toBe("v2");
    await put("doc", "v4", { IfMatch: second.ETag });
    expect(server.s3Object("snapshots", "doc")?.body.toString()).toBe("v4");
    expect(await failure(put("never", "x", { IfMatch: first.ETag }))).toBeInstanceOf(NoSuchKey);
    expect(inputs("PutObject")[1]).toMatchObject({ IfMatch: first.ETag });
  });
});

describe("what S3 checks on upload", () => {
  it("refuses more than 2 KB of user metadata", async () => {
    await put("fits", "x", { Metadata: { m: "a".repeat(2047) } });
    const error = await failure(put("big", "x", { Metadata: { m: "a".repeat(2048) } }));
    expect(error.name).toBe("MetadataTooLarge");
    expect(server.s3Object("snapshots", "big")).toBeUndefined();
  });

  it("verifies the body against the CRC32 checksum the SDK sends", async () => {
    const client = s3Client(server);
    tamperHeader(client, "x-amz-checksum-crc32", "AAAAAA==");
    const error = await failure(client.send(new PutObjectCommand({ Bucket: "snapshots", Key: "k", Body: "payload" })));
    client.destroy();
    expect(error.name).toBe("BadDigest");
    expect(server.s3Object("snapshots", "k")).toBeUndefined();
    // GetObject answers the stored checksum, which the SDK validates.
    await put("ok", "payload");
    expect(server.s3Object("snapshots", "ok")?.checksumCrc32).toMatch(/^[A-Za-z0-9+/]{6}==$/);
    expect(await (await s3.send(new GetObjectCommand({ Bucket: "snapshots", Key: "ok" }))).Body!.transformToString()).toBe("payload");
  });

  it("is signed for s3", async () => {
    const client = s3Client(server);
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request as { headers: Record<string, string> };
        request.headers.authorization = request.headers.authorization.replace("/s3/aws4_request", "/xray/aws4_request");
        return next(args);
      },
      { step: "deserialize", name: "rescope" },
    );
    const error = await failure(client.send(new ListObjectsV2Command({ Bucket: "snapshots" })));
    client.destroy();
    expect(error.name).toBe("AuthorizationHeaderMalformed");
    expect(error.message).toContain('incorrect service "xray"');
  });

  it("answers NotImplemented for what the subset does not have", async () => {
    await put("x", "0123456789");
    const range = await failure(s3.send(new GetObjectCommand({ Bucket: "snapshots", Key: "x", Range: "bytes=0-3" })));
    expect(range.name).toBe("NotImplemented");
    expect(range.$metadata.httpStatusCode).toBe(501);
    expect((await failure(s3.send(new ListObjectsV2Command({ Bucket: "snapshots", Delimiter: "/" })))).name).toBe("NotImplemented");
  });
});

describe("faults", () => {
  it("throttles with SlowDown (503), denies with AccessDenied naming the IAM action, and loses answers", async () => {
    server.inject("PutObject", { kind: "throttle", count: 1 });
    const slow = await failure(put("a"));
    expect(slow.name).toBe("SlowDown");
    expect(slow.$metadata.httpStatusCode).toBe(503);

    server.inject("ListObjectsV2", { kind: "accessDenied", count: 1 });
    const denied = await failure(s3.send(new ListObjectsV2Command({ Bucket: "snapshots" })));
    expect(denied.name).toBe("AccessDenied");
    expect(denied.$metadata.httpStatusCode).toBe(403);
    expect(denied.message).toContain("s3:ListBucket");

    // The object is stored, and the client never hears so.
    server.inject("PutObject", { kind: "lostAnswer" });
    await expect(put("lost", "x")).rejects.toThrow();
    expect(server.s3Object("snapshots", "lost")?.body.toString()).toBe("x");
    expect(server.calls.at(-1)?.fault).toBe("lostAnswer");
  });
});
