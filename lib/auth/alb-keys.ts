/**
 * The public keys ALBs sign x-amzn-oidc-data with: one PEM per key ID, fetched from the key
 * service on first use and then kept (a key ID's key never changes), in a bounded cache.
 *
 * A key that cannot be had never lets anyone in. What the caller is told differs: the key service
 * answering that there is no such key (404, or 403 from the GovCloud S3 bucket) or sending
 * something that is not a P-256 key means the token names a key AWS never published: 401. The key
 * service unreachable, slow or failing (5xx, 429) says nothing about the token: 503, so the user
 * retries instead of being told their sign-in is wrong, and the outage shows up as one.
 */
import { importSPKI } from "jose";
import { defaultKeyBase, isSafeKid, type AlbArn } from "./alb-arn";

export type KeyLookup = { ok: true; key: CryptoKey } | { ok: false; unavailable: boolean; reason: string };

export interface AlbKeySource {
  key(kid: string, signer: AlbArn): Promise<KeyLookup>;
}

type Fetch = (url: string, init: { signal: AbortSignal; redirect: "error"; cache: "no-store" }) => Promise<Response>;

interface Options {
  /** ALB_KEY_URL; else AWS's key service for the signer's region. */
  keyUrl: string | null;
  fetch?: Fetch;
  timeoutMs?: number;
  /** Keys kept; the least recently used is dropped past this. */
  capacity?: number;
  /** Key fetches at once; past this a new key ID is "unavailable" (503): forged tokens naming random key IDs cannot pile up requests. */
  maxInFlight?: number;
}

const MAX_PEM_BYTES = 8 * 1024;

export class AlbKeyStore implements AlbKeySource {
  private readonly keys = new Map<string, CryptoKey>();
  private readonly inFlight = new Map<string, Promise<KeyLookup>>();
  private readonly fetch: Fetch;
  private readonly timeoutMs: number;
  private readonly capacity: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: Options) {
    this.fetch = options.fetch ?? ((url, init) => fetch(url, init));
    this.timeoutMs = options.timeoutMs ?? 3_000;
    this.capacity = options.capacity ?? 32;
    this.maxInFlight = options.maxInFlight ?? 8;
  }

  async key(kid: string, signer: AlbArn): Promise<KeyLookup> {
    if (!isSafeKid(kid)) return { ok: false, unavailable: false, reason: "names a malformed key ID" };
    const base = this.options.keyUrl ?? defaultKeyBase(signer);
    if (base === null) return { ok: false, unavailable: true, reason: "is signed by a load balancer whose key service is unknown: set ALB_KEY_URL" };
    const url = `${base}/${kid}`;
    const cached = this.keys.get(url);
    if (cached) {
      // Most recently used last: Map keeps insertion order, so the first entry is the one to drop.
      this.keys.delete(url);
      this.keys.set(url, cached);
      return { ok: true, key: cached };
    }
    const pending = this.inFlight.get(url);
    if (pending) return pending;
    if (this.inFlight.size >= this.maxInFlight) return { ok: false, unavailable: true, reason: "could not be checked: too many key look-ups at once" };
    const lookup = this.load(url).finally(() => this.inFlight.delete(url));
    this.inFlight.set(url, lookup);
    return lookup;
  }

  private async load(url: string): Promise<KeyLookup> {
    let pem: string;
    try {
      const res = await this.fetch(url, { signal: AbortSignal.timeout(this.timeoutMs), redirect: "error", cache: "no-store" });
      if (res.status === 404 || res.status === 403) {
        await res.body?.cancel();
        return { ok: false, unavailable: false, reason: "names a key the load balancer's key service does not have" };
      }
      if (!res.ok) {
        await res.body?.cancel();
        console.error(`[sightline] ALB key service answered ${res.status} for ${url}`);
        return { ok: false, unavailable: true, reason: `could not be checked: the key service answered ${res.status}` };
      }
      pem = await res.text();
    } catch (err) {
      console.error(`[sightline] ALB key service unreachable at ${url}: ${(err as Error).message}`);
      return { ok: false, unavailable: true, reason: "could not be checked: the key service is unreachable" };
    }
    try {
      if (pem.length > MAX_PEM_BYTES) throw new Error("too large");
      const key = await importSPKI(pem.trim(), "ES256");
      this.keys.set(url, key);
      if (this.keys.size > this.capacity) this.keys.delete(this.keys.keys().next().value!);
      return { ok: true, key };
    } catch {
      return { ok: false, unavailable: false, reason: "names a key that is not a P-256 public key" };
    }
  }
}

let shared: { keyUrl: string | null; store: AlbKeyStore } | undefined;

/** The process's key store (one per bundle: the request proxy and the ingest routes each have theirs). */
export function sharedAlbKeys(keyUrl: string | null): AlbKeyStore {
  if (shared?.keyUrl !== keyUrl) shared = { keyUrl, store: new AlbKeyStore({ keyUrl }) };
  return shared.store;
}
