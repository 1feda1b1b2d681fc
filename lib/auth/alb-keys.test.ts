import { describe, expect, it, vi } from "vitest";
import { newAlbKey, TEST_ALB_ARN } from "../../test/alb-token";
import { parseAlbArn } from "./alb-arn";
import { AlbKeyStore } from "./alb-keys";

const signer = parseAlbArn(TEST_ALB_ARN)!;
const govSigner = parseAlbArn("arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/app/sightline/50dc6c495c0c9188")!;
const key = newAlbKey("0b5e2b4e-6d3f-4a57-9a8e-1f2f3c4d5e6f");

/** A key service: the PEM for known kids, 404 for the rest; every URL asked for is recorded. */
function keyService(pems: Record<string, string>) {
  const urls: string[] = [];
  const fetch = vi.fn(async (url: string) => {
    urls.push(url);
    const kid = url.slice(url.lastIndexOf("/") + 1);
    return kid in pems ? new Response(pems[kid]) : new Response("NoSuchKey", { status: 404 });
  });
  return { fetch, urls };
}

describe("AlbKeyStore", () => {
  it("fetches a key ID's PEM from AWS's key service of the signer's region, once: then it is cached", async () => {
    const service = keyService({ [key.kid]: key.publicPem });
    const store = new AlbKeyStore({ keyUrl: null, fetch: service.fetch });
    const first = await store.key(key.kid, signer);
    expect(first.ok).toBe(true);
    expect((await store.key(key.kid, signer)).ok).toBe(true);
    expect(service.urls).toEqual([`https://public-keys.auth.elb.eu-west-1.amazonaws.com/${key.kid}`]);
  });

  it("asks once for concurrent look-ups of the same new key", async () => {
    const service = keyService({ [key.kid]: key.publicPem });
    const store = new AlbKeyStore({ keyUrl: null, fetch: service.fetch });
    const all = await Promise.all([1, 2, 3, 4].map(() => store.key(key.kid, signer)));
    expect(all.every((l) => l.ok)).toBe(true);
    expect(service.fetch).toHaveBeenCalledTimes(1);
  });

  it("uses ALB_KEY_URL when set, and GovCloud's S3 bucket for a GovCloud signer", async () => {
    const service = keyService({ [key.kid]: key.publicPem });
    await new AlbKeyStore({ keyUrl: "http://127.0.0.1:9999/keys", fetch: service.fetch }).key(key.kid, signer);
    await new AlbKeyStore({ keyUrl: null, fetch: service.fetch }).key(key.kid, govSigner);
    expect(service.urls).toEqual([
      `http://127.0.0.1:9999/keys/${key.kid}`,
      `https://s3-us-gov-west-1.amazonaws.com/aws-elb-public-keys-prod-us-gov-west-1/${key.kid}`,
    ]);
  });

  it("never puts a malformed key ID into a URL", async () => {
    const service = keyService({});
    const store = new AlbKeyStore({ keyUrl: null, fetch: service.fetch });
    for (const kid of ["../../evil", "a/b", "..", "", "x".repeat(200), "kid?x=1", "kid#frag", "%2e%2e", "a.b"]) {
      expect(await store.key(kid, signer)).toMatchObject({ ok: false, unavailable: false, reason: expect.stringContaining("malformed key ID") });
    }
    expect(service.fetch).not.toHaveBeenCalled();
  });

  it("a key the service does not have (404, or GovCloud S3's 403), or that is no P-256 key: refused, not 'unavailable'", async () => {
    const rsa = (await import("node:crypto")).generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const p384 = (await import("node:crypto")).generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ type: "spki", format: "pem" }).toString();
    const answers: Record<string, Response> = {
      missing: new Response("", { status: 404 }),
      forbidden: new Response("AccessDenied", { status: 403 }),
      garbage: new Response("not a pem"),
      rsa: new Response(rsa),
      p384: new Response(p384),
      huge: new Response(`${key.publicPem}${" ".repeat(10_000)}`),
    };
    const store = new AlbKeyStore({ keyUrl: null, fetch: async (url) => answers[url.slice(url.lastIndexOf("/") + 1)] });
    for (const kid of Object.keys(answers)) expect(await store.key(kid, signer), kid).toMatchObject({ ok: false, unavailable: false });
  });

  it("the key service down, failing or slow: unavailable (never in), and the next look-up tries again", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let mode: "down" | "500" | "429" | "slow" | "up" = "down";
    const fetch = vi.fn(async (_url: string, init: { signal: AbortSignal }) => {
      if (mode === "down") throw new TypeError("fetch failed: ECONNREFUSED");
      if (mode === "500") return new Response("", { status: 500 });
      if (mode === "429") return new Response("", { status: 429 });
      if (mode === "slow") {
        return new Promise<Response>((_resolve, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
      }
      return new Response(key.publicPem);
    });
    const store = new AlbKeyStore({ keyUrl: null, fetch, timeoutMs: 50 });
    for (const m of ["down", "500", "429", "slow"] as const) {
      mode = m;
      expect(await store.key(key.kid, signer), m).toMatchObject({ ok: false, unavailable: true });
    }
    mode = "up";
    expect((await store.key(key.kid, signer)).ok).toBe(true);
    expect(fetch).toHaveBeenCalledTimes(5);
    expect(errors).toHaveBeenCalled();
    errors.mockRestore();
  });

  it("keeps at most `capacity` keys, dropping the least recently used", async () => {
    const keys = ["k1", "k2", "k3"].map((kid) => newAlbKey(kid));
    const service = keyService(Object.fromEntries(keys.map((k) => [k.kid, k.publicPem])));
    const store = new AlbKeyStore({ keyUrl: null, fetch: service.fetch, capacity: 2 });
    await store.key("k1", signer);
    await store.key("k2", signer);
    await store.key("k1", signer); // k1 used last: k2 is the one to go
    await store.key("k3", signer);
    await store.key("k1", signer);
    expect(service.fetch).toHaveBeenCalledTimes(3);
    await store.key("k2", signer);
    expect(service.fetch).toHaveBeenCalledTimes(4);
  });

  it("past `maxInFlight` look-ups at once, a new key ID is unavailable instead of one more request", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const fetch = vi.fn(async () => {
      await gate;
      return new Response("", { status: 404 });
    });
    const store = new AlbKeyStore({ keyUrl: null, fetch, maxInFlight: 2 });
    const pending = [store.key("a1", signer), store.key("a2", signer)];
    expect(await store.key("a3", signer)).toMatchObject({ ok: false, unavailable: true, reason: expect.stringContaining("too many") });
    release();
    await Promise.all(pending);
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
