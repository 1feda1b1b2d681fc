/**
 * A log line's pattern: the message with what varies per request stripped, so that "lines like
 * this" finds the same line of every request. UUIDs, X-Ray and W3C trace IDs, 0x… and long hex
 * strings and other IDs mixing letters and digits, and numbers become placeholders; runs of whitespace become
 * one space. Applying it twice changes nothing, so a pattern can be passed where a message is.
 */
const RULES: [RegExp, string][] = [
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, "<uuid>"],
  [/\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/gi, "<id>"],
  [/\b0x[0-9a-f]+\b/gi, "<hex>"],
  // IDs and hex such as req_8f3k2j9q, i-0abc12de or 9fceb02d: 6+ word characters mixing letters and digits
  // (but not a number with a unit: 3000ms is a number, so it matches 42ms).
  [/\b(?!\d+[a-z]{0,3}\b)(?=[\w-]*[a-z])(?=[\w-]*\d)[a-z0-9][\w-]{5,}\b/gi, "<id>"],
  // What digits are left are numbers, with units or not (3000ms, 1.25s, HTTP/1.1).
  [/\d+(?:\.\d+)?/g, "<n>"],
];

export function logPattern(message: string): string {
  let out = message;
  for (const [re, placeholder] of RULES) out = out.replace(re, placeholder);
  return out.replace(/\s+/g, " ").trim();
}
