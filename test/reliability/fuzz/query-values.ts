/**
 * Query-parameter values, each generator either always invalid (the app must answer 400) or always
 * valid-but-odd (the app must answer 2xx), so the suite knows the right answer for every request.
 */
import { hostileText, nonServiceText } from "./hostile-text";
import type { Rng } from "./prng";

export type Params = [string, string][];

const HOUR = 3_600_000;

/** A from/to pair the window parser must reject (inverted, empty, NaN, negative, unbounded, too long, junk). */
export function badWindow(rng: Rng, now: number, maxWindowMs: number): Params {
  const t = now - rng.int(HOUR, 48 * HOUR);
  const junk = () =>
    rng.pick(["NaN", "Infinity", "-Infinity", "1e3", "0x10", "abc", "", " ", "1,5", "--1", "2024-13-45T99:99", "2024-02-30", hostileText(rng)]);
  const cases: (() => Params)[] = [
    () => [
      ["from", String(t)],
      ["to", String(t - rng.int(1, HOUR))],
    ],
    () => [
      ["from", String(t)],
      ["to", String(t)],
    ],
    () => [
      ["from", `-${rng.int(1, 1e9)}`],
      ["to", String(t)],
    ],
    () => [
      ["from", String(t)],
      ["to", `-${rng.int(1, 9)}`],
    ],
    () => [["to", String(t)]],
    () => [
      ["from", "0"],
      ["to", String(t)],
    ],
    () => [
      ["from", String(t - maxWindowMs - rng.int(1, HOUR))],
      ["to", String(t)],
    ],
    () => [
      ["from", "0"],
      ["to", "9".repeat(rng.int(17, 400))],
    ],
    () => [
      ["from", junk()],
      ["to", String(t)],
    ],
    () => [
      ["from", String(t - HOUR)],
      ["to", junk()],
    ],
    () => [["from", "9".repeat(rng.int(20, 400))]],
    // Past the last instant a Date can hold (8.64e15 ms): a valid-looking but unrepresentable window.
    () => [
      ["from", "9000000000000000"],
      ["to", "9000000003600000"],
    ],
    () => [
      ["from", "+275760-09-13T00:00:01Z"],
      ["to", "+275760-09-13T01:00:00Z"],
    ],
  ];
  return rng.pick(cases)();
}

/** A valid but odd window: fractional milliseconds, ISO-8601 forms, the Unix epoch, one millisecond wide. */
export function oddWindow(rng: Rng, now: number): Params {
  const t = now - rng.int(HOUR, 24 * HOUR);
  return rng.pick<() => Params>([
    () => [
      ["from", `${t}.25`],
      ["to", `${t + 1}.75`],
    ],
    () => [
      ["from", new Date(t).toISOString()],
      ["to", new Date(t + HOUR).toISOString()],
    ],
    () => [
      ["from", new Date(t).toISOString().replace("Z", "+05:30")],
      ["to", String(now)],
    ],
    () => [
      ["from", "0"],
      ["to", "1"],
    ],
    () => [["from", String(t)]],
    () => [
      ["from", ` ${t} `],
      ["to", ` ${t + 60_000} `],
    ],
  ])();
}

export function badLimit(rng: Rng): string {
  return rng.pick(["0", "-1", "-0.5", "1.5", "abc", "1001", "1e3", "", " ", "NaN", "Infinity", "9".repeat(rng.int(5, 400)), "0x10", "10;", hostileText(rng)]);
}

export function oddLimit(rng: Rng): string {
  return rng.pick(["1", "1000", " 7 ", "007", "+5".slice(1)]);
}

export const KNOWN_STATUSES = ["ok", "error", "fault", "throttle"] as const;

export function unknownStatus(rng: Rng): string {
  return rng.pick(["OK", "Fault", "fault ", " error", "5xx", "failed", "success", "*", "ok|fault", "ok\n", "throttled", "\u0000", hostileText(rng)]);
}

export function badDuration(rng: Rng): string {
  return rng.pick(["NaN", "-1", "-0.5", "abc", "Infinity", "1e999", "1,5", "--1", '"5"', "5ms", hostileText(rng).replace(/^\s*$/, "x")]);
}

/** A service name outside the accepted alphabet, or longer than 200 characters. */
export function badService(rng: Rng): string {
  return rng.chance(0.15) ? "s".repeat(rng.int(201, 3_000)) : nonServiceText(rng);
}

export function oddService(rng: Rng): string {
  return rng.pick(["a", "checkout-api", "café ñandú", "日本語サービス", "ns/svc:v1@prod", "a.b_c-d", " leading space", "x".repeat(200)]);
}

/** An operation the parser must reject: too long, or with a control character. */
export function badOperation(rng: Rng): string {
  return rng.chance(0.3) ? "o".repeat(rng.int(201, 2_000)) : `GET /x${rng.pick(["\u0000", "\n", "\r", "\u0007", "\u007f", "\u0085"])}${hostileText(rng)}`;
}

/** A single `attr` filter the parser must reject, or (as an array) eleven valid ones. */
export function badAttributes(rng: Rng): string[] {
  return rng.pick<() => string[]>([
    () => ["no-equals-sign"],
    // No "=" in the key: the parser splits at the first one, so "x=" would be a valid key x.
    () => [`${nonServiceText(rng).replace(/=/g, "|")}=v`],
    () => ["=value"],
    () => [`k${"k".repeat(100)}=v`],
    () => [`key=${"v".repeat(201)}`],
    () => [`key=a${rng.pick(["\u0000", "\n", "\u001b"])}b`],
    () => Array.from({ length: rng.int(11, 30) }, (_, i) => `k${i}=v`),
  ])();
}

/** A raw X-Ray filter expression the app rejects itself (before any X-Ray call). */
export function locallyInvalidFilter(rng: Rng): string {
  return rng.pick<() => string>([
    () => `service("a\\"b")`,
    () => `annotation.x = 'single'`,
    () => `(fault`,
    () => `fault)`,
    () => `) OR (`,
    () => `http.url = "unclosed`,
    () => `responsetime > ${"9".repeat(2_001)}`,
    () => `${hostileText(rng)}\\`,
  ])();
}

/** A raw filter expression that passes the app's own checks: X-Ray parses it (and may reject it). */
export function passThroughFilter(rng: Rng): string {
  return rng.pick([
    "fault",
    "nonsense >= 1",
    "duration >",
    "@@@",
    "*",
    "|",
    '"only a string"',
    "responsetime > NaN",
    'http.url CONTAINS "/a|b`c*"',
    'annotation.tier = "🔥\u202e"',
    'service("x") { fault }',
    "OR OR AND",
    'edge("a", "b")',
    "ok AND NOT (error)",
  ]);
}
