import { afterEach, describe, expect, it } from "vitest";
import { addressKey, clientAddress, DEFAULT_LOGIN_LIMITS, LoginLimiter, loginLimiterStats, parseLoginLimitConfig, sharedLoginLimiter } from "./login-limiter";

const T0 = 1_800_000_000_000;

function fail(l: LoginLimiter, address: string, times: number, at = T0) {
  for (let i = 0; i < times; i++) l.recordFailure(address, at + i);
}

describe("LoginLimiter", () => {
  it("lets 10 failures a minute through, then refuses that address with a Retry-After", () => {
    const l = new LoginLimiter();
    fail(l, "203.0.113.7", 9);
    expect(l.check("203.0.113.7", T0 + 100)).toEqual({ allowed: true });
    fail(l, "203.0.113.7", 1, T0 + 100);
    const c = l.check("203.0.113.7", T0 + 200);
    expect(c).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("never refuses another address: the real user still signs in", () => {
    const l = new LoginLimiter();
    fail(l, "203.0.113.7", 50);
    expect(l.check("198.51.100.20", T0 + 100)).toEqual({ allowed: true });
  });

  it("spreads over a minute: failures older than the window are forgotten", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 30; i++) l.recordFailure("203.0.113.7", T0 + i * 7_000);
    expect(l.check("203.0.113.7", T0 + 30 * 7_000)).toEqual({ allowed: true });
  });

  it("doubles each lock-out, up to an hour, and unlocks when it has run", () => {
    const l = new LoginLimiter();
    let now = T0;
    const lengths: number[] = [];
    for (let round = 0; round < 8; round++) {
      for (let i = 0; i < 10; i++) l.recordFailure("203.0.113.7", now);
      const c = l.check("203.0.113.7", now);
      if (c.allowed) throw new Error("not locked");
      lengths.push(c.retryAfterSeconds);
      now += c.retryAfterSeconds * 1000;
      expect(l.check("203.0.113.7", now)).toEqual({ allowed: true });
    }
    expect(lengths).toEqual([60, 120, 240, 480, 960, 1920, 3600, 3600]);
  });

  it("starts again from one minute after an hour without failures", () => {
    const l = new LoginLimiter();
    fail(l, "203.0.113.7", 10);
    fail(l, "203.0.113.7", 10, T0 + 61_000);
    const later = T0 + 61_000 + 120_000 + DEFAULT_LOGIN_LIMITS.forgetMs + 1;
    fail(l, "203.0.113.7", 10, later);
    expect(l.check("203.0.113.7", later + 10)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it("counts failures, refusals and lock-outs for /metrics", () => {
    const l = new LoginLimiter();
    fail(l, "203.0.113.7", 12);
    l.check("203.0.113.7", T0 + 20);
    l.check("203.0.113.7", T0 + 21);
    expect(l.stats(T0 + 30)).toEqual({ failedLogins: 12, refused: 2, lockouts: 1, lockedAddresses: 1, trackedAddresses: 1, maxFailuresPerMinute: 10 });
  });

  it("keeps a bounded table: a flood of addresses forgets the oldest", () => {
    const l = new LoginLimiter({ ...DEFAULT_LOGIN_LIMITS, maxTracked: 100 });
    for (let i = 0; i < 1000; i++) l.recordFailure(`10.0.${i >> 8}.${i & 255}`, T0);
    expect(l.stats(T0).trackedAddresses).toBeLessThanOrEqual(100);
  });

  it("counts one IPv6 /64 as one address, and IPv4-mapped addresses as IPv4", () => {
    const l = new LoginLimiter();
    for (let i = 0; i < 10; i++) l.recordFailure(`2001:db8:1:2::${i.toString(16)}`, T0);
    expect(l.check("2001:db8:1:2:ffff::1", T0 + 1).allowed).toBe(false);
    expect(l.check("2001:db8:1:3::1", T0 + 1).allowed).toBe(true);
    expect(addressKey("::ffff:127.0.0.1")).toBe("127.0.0.1");
    expect(addressKey("[2001:DB8::1]")).toBe("2001:db8:0:0::/64");
  });
});

describe("clientAddress", () => {
  const h = (headers: Record<string, string>) => (n: string) => headers[n] ?? null;
  it("is the TCP peer unless a trusted proxy header is configured; a client's X-Forwarded-For is ignored", () => {
    expect(clientAddress(h({ "x-forwarded-for": "1.2.3.4" }), "::ffff:127.0.0.1", null)).toBe("::ffff:127.0.0.1");
    expect(clientAddress(h({}), null, null)).toBe("unknown");
  });
  it("with TRUSTED_PROXY_HEADER: the header's last entry (the address the proxy saw)", () => {
    expect(clientAddress(h({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" }), "10.0.0.2", "x-forwarded-for")).toBe("203.0.113.9");
    expect(clientAddress(h({ "x-real-ip": "203.0.113.9" }), "10.0.0.2", "x-real-ip")).toBe("203.0.113.9");
    expect(clientAddress(h({}), "10.0.0.2", "x-forwarded-for")).toBe("10.0.0.2");
  });
});

describe("parseLoginLimitConfig", () => {
  it("defaults, valid values, and a line naming the variable otherwise", () => {
    expect(parseLoginLimitConfig({})).toEqual({ trustedProxyHeader: null, limits: DEFAULT_LOGIN_LIMITS });
    expect(parseLoginLimitConfig({ TRUSTED_PROXY_HEADER: "X-Forwarded-For", LOGIN_MAX_FAILURES_PER_MINUTE: "5" })).toEqual({
      trustedProxyHeader: "x-forwarded-for",
      limits: { ...DEFAULT_LOGIN_LIMITS, maxFailures: 5 },
    });
    expect(() => parseLoginLimitConfig({ TRUSTED_PROXY_HEADER: "X Forwarded" })).toThrow(/TRUSTED_PROXY_HEADER/);
    for (const v of ["0", "-1", "1.5", "ten"])
      expect(() => parseLoginLimitConfig({ LOGIN_MAX_FAILURES_PER_MINUTE: v })).toThrow(/LOGIN_MAX_FAILURES_PER_MINUTE/);
  });
});

describe("loginLimiterStats", () => {
  afterEach(() => {
    delete (globalThis as Record<symbol, unknown>)[Symbol.for("sightline.loginLimiter")];
  });
  it("reads the shared limiter the proxy writes (zeros before any)", () => {
    expect(loginLimiterStats(T0).failedLogins).toBe(0);
    sharedLoginLimiter().recordFailure("203.0.113.7", T0);
    expect(loginLimiterStats(T0)).toMatchObject({ failedLogins: 1, trackedAddresses: 1 });
  });
});
