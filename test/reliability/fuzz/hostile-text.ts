/**
 * Hostile strings: Logs Insights and X-Ray filter metacharacters, control characters, odd unicode,
 * percent-encoded forms (well-formed and broken) and lengths past every limit.
 */
import type { Rng } from "./prng";

/** Characters that end or escape a string, pipe, comment or regex in a query language. */
const METACHARACTERS = ['"', "'", "|", "\\", "\n", "\r", "`", "/", "*", "\u0000", "(", ")", "[", "]", "{", "}", "#", "$", ";", "=", "%"] as const;

/** Unicode that trips byte/char confusion: emoji (surrogate pairs), RTL override, combining marks, BOM, NBSP, lone surrogate. */
const ODD_UNICODE = ["🔥", "\u202e", "e\u0301", "\ufeff", "\u00a0", "日本語", "\u2028", "\ud800", "\uffff"] as const;

/** Percent-encoded forms, some malformed (a lone %, a truncated UTF-8 sequence), some double-encoded. */
export const PERCENT_FORMS = ["%22", "%7C", "%5C", "%0A", "%60", "%2F", "%2A", "%00", "%E2%80%AE", "%", "%E0%A4%A", "%ZZ", "%2525", "%25E0"] as const;

/** Query-language fragments an attacker would try to smuggle into a Logs Insights or X-Ray query. */
const INJECTIONS = [
  '" | stats count(*) by @logStream | limit 1 #',
  '" or 1=1 or "',
  "/ or @message like /.*",
  "\n| fields @message",
  "`@message` like /./",
  ") OR (fault",
  '"; DROP TABLE spans; --',
  "../../etc/passwd",
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
] as const;

const WORDS = ["checkout", "api", "GET /pay", "x", "trace", "1-5f3a3e12", "service", "ö"] as const;

/** 1–4 fragments of metacharacters, unicode, injections and words, or (rarely) one very long run. */
export function hostileText(rng: Rng): string {
  if (rng.chance(0.08)) return rng.pick(["a", '"', "|", "\\", "🔥", "%"]).repeat(rng.pick([201, 257, 2_001, 5_000]));
  const parts: string[] = [];
  const n = rng.int(1, 4);
  for (let i = 0; i < n; i++) {
    const k = rng.int(0, 3);
    parts.push(k === 0 ? rng.pick(METACHARACTERS) : k === 1 ? rng.pick(ODD_UNICODE) : k === 2 ? rng.pick(INJECTIONS) : rng.pick(WORDS));
  }
  return parts.join("");
}

/** Like hostileText but always containing a character outside `[\p{L}\p{N}._:@/ -]` (the service-name alphabet). */
export function nonServiceText(rng: Rng): string {
  const bad = rng.pick(['"', "|", "\\", "\n", "`", "*", "\u0000", "%", "'", "(", "#", ";", "=", "🔥", "\u202e"]);
  const text = hostileText(rng);
  const at = rng.int(0, Math.min(text.length, 50));
  return text.slice(0, at) + bad + text.slice(at);
}

/** encodeURIComponent that survives lone surrogates (which it would throw on): they become U+FFFD. */
export function encodeComponent(value: string): string {
  return encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd"));
}
