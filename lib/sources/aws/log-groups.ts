/**
 * CloudWatch log group names and the `LOG_GROUPS` entries that name them: a log group name
 * (1–512 characters of `. - _ / #`, letters and digits, as CloudWatch Logs allows) or a prefix
 * followed by one `*` (every group whose name starts with it).
 */

const NAME = /^[.\-_/#A-Za-z0-9]+$/;

export type LogGroupSpec = { kind: "name"; name: string } | { kind: "prefix"; prefix: string };

export type LogGroupCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

export function validateLogGroupName(name: string): LogGroupCheck<string> {
  if (name.length === 0) return { ok: false, reason: "a log group name cannot be empty" };
  if (name.length > 512) return { ok: false, reason: `a log group name has at most 512 characters, this has ${name.length}` };
  if (!NAME.test(name)) {
    return { ok: false, reason: `"${name}" has a character CloudWatch does not allow (letters, digits and . - _ / # only)` };
  }
  return { ok: true, value: name };
}

/** `"/aws/lambda/checkout"` → a name; `"/aws/lambda/*"` → a prefix. Surrounding spaces are ignored. */
export function parseLogGroupSpec(spec: string): LogGroupCheck<LogGroupSpec> {
  const value = spec.trim();
  const prefix = value.endsWith("*") ? value.slice(0, -1) : null;
  if (prefix === "") return { ok: false, reason: `"*" alone would query every log group: give a prefix before the *` };
  const checked = validateLogGroupName(prefix ?? value);
  if (!checked.ok) return checked;
  return { ok: true, value: prefix === null ? { kind: "name", name: checked.value } : { kind: "prefix", prefix: checked.value } };
}

/** StartQuery takes at most 50 log groups: split the distinct names into queries of that size. */
export function chunkLogGroups(groups: readonly string[], maxPerQuery = 50): string[][] {
  if (!Number.isInteger(maxPerQuery) || maxPerQuery < 1) throw new RangeError("maxPerQuery must be a positive integer");
  const distinct = [...new Set(groups)];
  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += maxPerQuery) chunks.push(distinct.slice(i, i + maxPerQuery));
  return chunks;
}
