/**
 * Password guessing, AUTH_MODE=basic: failed logins are counted per client address. Past
 * `maxFailures` in a minute the address is refused (429 with Retry-After) for a while, the while
 * doubling with each lock-out (1, 2, 4 … minutes, at most an hour) until the address has been
 * quiet for an hour. Only that address is refused: the real user signs in from theirs, and a
 * correct login is never delayed (nothing sleeps; a success costs one map lookup).
 *
 * While an address is locked out, every request from it that needs a login is refused without
 * looking at its credentials: otherwise a guesser would still learn which guess was right.
 *
 * Addresses are keyed as given, but IPv6 by its /64 (one host usually holds a whole /64) and an
 * IPv4-mapped IPv6 address as its IPv4 form. The table is bounded (MAX_TRACKED addresses; the
 * oldest are forgotten first), so a flood of addresses costs bounded memory.
 *
 * The state lives on globalThis under a Symbol.for key: the proxy (proxy.ts) and any route (a
 * later /metrics) are bundled separately by Next.js, and `loginLimiterStats()` must read the
 * counters the proxy writes. Nothing here ever sees or logs a password.
 */
import { ConfigError } from "../config-error";

export interface LoginLimiterSettings {
  /** Failed logins from one address within WINDOW_MS before it is locked out. */
  maxFailures: number;
  /** The first lock-out; each further one doubles, up to MAX_LOCK_MS. */
  baseLockMs: number;
  maxLockMs: number;
  /** An address with no failure for this long starts again from nothing. */
  forgetMs: number;
  maxTracked: number;
}

export const DEFAULT_LOGIN_LIMITS: LoginLimiterSettings = {
  maxFailures: 10,
  baseLockMs: 60_000,
  maxLockMs: 3_600_000,
  forgetMs: 3_600_000,
  maxTracked: 10_000,
};

const LOGIN_WINDOW_MS = 60_000;

interface Entry {
  /** Times of the failures in the current window (at most maxFailures). */
  failures: number[];
  lockedUntil: number;
  /** Lock-outs so far: the next one lasts baseLockMs × 2^lockouts. */
  lockouts: number;
  lastFailure: number;
}

export interface LoginLimiterStats {
  /** Failed logins (wrong user name or password) since start. */
  failedLogins: number;
  /** Requests refused with 429 because their address was locked out. */
  refused: number;
  /** Times an address was locked out. */
  lockouts: number;
  /** Addresses locked out right now. */
  lockedAddresses: number;
  /** Addresses with failures remembered. */
  trackedAddresses: number;
  maxFailuresPerMinute: number;
}

export type LimitCheck = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();
  private failedLogins = 0;
  private refused = 0;
  private lockoutCount = 0;

  constructor(readonly settings: LoginLimiterSettings = DEFAULT_LOGIN_LIMITS) {}

  /** Before checking credentials: is this address locked out? A refusal is counted. */
  check(address: string, now: number): LimitCheck {
    const e = this.entries.get(addressKey(address));
    if (!e || e.lockedUntil <= now) return { allowed: true };
    this.refused += 1;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((e.lockedUntil - now) / 1000)) };
  }

  /** After a wrong user name or password. Returns the lock-out it caused, if any. */
  recordFailure(address: string, now: number): LimitCheck {
    this.failedLogins += 1;
    const key = addressKey(address);
    let e = this.entries.get(key);
    if (e && now - e.lastFailure > this.settings.forgetMs && e.lockedUntil <= now) e = undefined;
    if (!e) {
      e = { failures: [], lockedUntil: 0, lockouts: 0, lastFailure: now };
      this.remember(key, e, now);
    }
    e.lastFailure = now;
    e.failures = e.failures.filter((t) => now - t < LOGIN_WINDOW_MS);
    e.failures.push(now);
    if (e.failures.length < this.settings.maxFailures) return { allowed: true };
    const lockMs = Math.min(this.settings.maxLockMs, this.settings.baseLockMs * 2 ** e.lockouts);
    e.lockouts += 1;
    e.failures = [];
    e.lockedUntil = now + lockMs;
    this.lockoutCount += 1;
    return { allowed: false, retryAfterSeconds: Math.ceil(lockMs / 1000) };
  }

  stats(now: number): LoginLimiterStats {
    let locked = 0;
    for (const e of this.entries.values()) if (e.lockedUntil > now) locked += 1;
    return {
      failedLogins: this.failedLogins,
      refused: this.refused,
      lockouts: this.lockoutCount,
      lockedAddresses: locked,
      trackedAddresses: this.entries.size,
      maxFailuresPerMinute: this.settings.maxFailures,
    };
  }

  private remember(key: string, e: Entry, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= this.settings.maxTracked) {
      // Forget what has expired first, then the oldest entries (Map keeps insertion order).
      for (const [k, old] of this.entries) {
        if (old.lockedUntil <= now && now - old.lastFailure > LOGIN_WINDOW_MS) this.entries.delete(k);
      }
      for (const k of this.entries.keys()) {
        if (this.entries.size < this.settings.maxTracked) break;
        this.entries.delete(k);
      }
    }
    this.entries.set(key, e);
  }
}

/** The key an address is counted under: IPv6 by its /64, IPv4-mapped IPv6 as IPv4, lower case. */
export function addressKey(address: string): string {
  let a = address
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  const zone = a.indexOf("%");
  if (zone >= 0) a = a.slice(0, zone);
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(a);
  if (mapped) return mapped[1];
  if (!a.includes(":")) return a || "unknown";
  const groups = expandIpv6(a);
  return groups ? `${groups.slice(0, 4).join(":")}::/64` : a;
}

function expandIpv6(a: string): string[] | null {
  const halves = a.split("::");
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(":") : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(":") : [];
  if ([...head, ...tail].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  return [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail].map((g) => g.replace(/^0+(?=.)/, ""));
}

/**
 * The client address of a request. Without TRUSTED_PROXY_HEADER: the TCP peer's address (the
 * proxy's peer header, set from the socket by lib/http/peer-address.ts and never from the
 * client). With it (e.g. X-Forwarded-For, X-Real-IP): that header as the trusted proxy in front
 * sets it — for X-Forwarded-For the last entry, the address the nearest proxy saw. Only set it
 * when nothing but that proxy can reach Sightline: anyone else could choose their own address.
 */
export function clientAddress(header: (name: string) => string | null, peer: string | null, trustedProxyHeader: string | null): string {
  if (trustedProxyHeader) {
    const value = header(trustedProxyHeader);
    if (value) {
      const parts = value
        .split(",")
        .map((p) => p.trim())
        .filter(Boolean);
      const last = parts[parts.length - 1];
      if (last) return last.slice(0, 100);
    }
  }
  return peer?.trim() || "unknown";
}

/**
 * TRUSTED_PROXY_HEADER (a header name, lower-cased) or null, and LOGIN_MAX_FAILURES_PER_MINUTE
 * (default 10). Invalid values stop start-up with one line naming the variable.
 */
export function parseLoginLimitConfig(env: Record<string, string | undefined>): { trustedProxyHeader: string | null; limits: LoginLimiterSettings } {
  const header = (env.TRUSTED_PROXY_HEADER ?? "").trim();
  if (header && !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header)) {
    throw new ConfigError(`Invalid configuration: TRUSTED_PROXY_HEADER must be a header name such as X-Forwarded-For, got "${header.slice(0, 40)}"`);
  }
  const raw = (env.LOGIN_MAX_FAILURES_PER_MINUTE ?? "").trim();
  let maxFailures = DEFAULT_LOGIN_LIMITS.maxFailures;
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 10_000)
      throw new ConfigError(`Invalid configuration: LOGIN_MAX_FAILURES_PER_MINUTE must be a whole number from 1 to 10000, got "${raw.slice(0, 40)}"`);
    maxFailures = n;
  }
  return { trustedProxyHeader: header ? header.toLowerCase() : null, limits: { ...DEFAULT_LOGIN_LIMITS, maxFailures } };
}

const GLOBAL_KEY = Symbol.for("sightline.loginLimiter");
type WithLimiter = typeof globalThis & { [GLOBAL_KEY]?: LoginLimiter };

/** The process's one limiter, created with `settings` on first use. */
export function sharedLoginLimiter(settings?: LoginLimiterSettings): LoginLimiter {
  const g = globalThis as WithLimiter;
  return (g[GLOBAL_KEY] ??= new LoginLimiter(settings));
}

/** The counters, for /metrics (zeros before the first login attempt). */
export function loginLimiterStats(now = Date.now()): LoginLimiterStats {
  const g = globalThis as WithLimiter;
  return (g[GLOBAL_KEY] ?? new LoginLimiter()).stats(now);
}
