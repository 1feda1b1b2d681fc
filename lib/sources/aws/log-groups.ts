/**
 * CloudWatch log group names and the `LOG_GROUPS` entries that name them: a log group name
 * (1–512 characters of `. - _ / #`, letters and digits, as CloudWatch Logs allows), a prefix
 * followed by one `*` (every group whose name starts with it), or a log group ARN
 * `arn:aws:logs:<region>:<12-digit account>:log-group:<name>`, with or without the trailing
 * `:*` DescribeLogGroups shows: how a monitoring account of CloudWatch cross-account
 * observability names a group of a source account (StartQuery's `logGroupIdentifiers`: "If a
 * log group that you're querying is in a source account and you're using a monitoring account,
 * you must specify the ARN of the log group here … Don't include an * at the end").
 */

const NAME = /^[.\-_/#A-Za-z0-9]+$/;

export type LogGroupSpec =
  | { kind: "name"; name: string }
  | { kind: "prefix"; prefix: string }
  /** `arn` is normalized: without the trailing `:*`, as StartQuery takes it. */
  | { kind: "arn"; arn: string; account: string; region: string; name: string };

export type LogGroupCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

export function validateLogGroupName(name: string): LogGroupCheck<string> {
  if (name.length === 0) return { ok: false, reason: "a log group name cannot be empty" };
  if (name.length > 512) return { ok: false, reason: `a log group name has at most 512 characters, this has ${name.length}` };
  if (!NAME.test(name)) {
    return { ok: false, reason: `"${name}" has a character CloudWatch does not allow (letters, digits and . - _ / # only)` };
  }
  return { ok: true, value: name };
}

const ARN_PARTS = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):log-group:(.*)$/;
const PARTITIONS = new Set(["aws", "aws-cn", "aws-us-gov"]);
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ACCOUNT = /^\d{12}$/;

/** A log group ARN (`arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x`, or with `:*`), checked part by part. */
function parseLogGroupArn(value: string): LogGroupCheck<Extract<LogGroupSpec, { kind: "arn" }>> {
  const m = ARN_PARTS.exec(value);
  if (!m) return { ok: false, reason: "a log group ARN has the form arn:aws:logs:<region>:<12-digit account>:log-group:<name>" };
  const [, partition, service, region, account, rest] = m;
  if (!PARTITIONS.has(partition)) return { ok: false, reason: `"${partition.slice(0, 20)}" is not an AWS partition (aws, aws-cn, aws-us-gov)` };
  if (service !== "logs") return { ok: false, reason: `the ARN's service is "${service.slice(0, 20)}", not logs` };
  if (!REGION.test(region)) return { ok: false, reason: `"${region.slice(0, 30)}" is not an AWS Region name (the ARN must name one, e.g. us-east-1)` };
  if (!ACCOUNT.test(account)) return { ok: false, reason: `the account "${account.slice(0, 20)}" is not a 12-digit AWS account ID` };
  const name = rest.endsWith(":*") ? rest.slice(0, -2) : rest;
  if (name.endsWith("*"))
    return { ok: false, reason: "a log group ARN names one group: a prefix (*) is only possible with a name, in the account Sightline runs in" };
  const checked = validateLogGroupName(name);
  if (!checked.ok) return checked;
  return { ok: true, value: { kind: "arn", arn: `arn:${partition}:logs:${region}:${account}:log-group:${name}`, account, region, name } };
}

/**
 * `"/aws/lambda/checkout"` → a name; `"/aws/lambda/*"` → a prefix; `"arn:…:log-group:/x"` → an ARN.
 * Surrounding spaces are ignored.
 */
export function parseLogGroupSpec(spec: string): LogGroupCheck<LogGroupSpec> {
  const value = spec.trim();
  if (value.startsWith("arn:")) return parseLogGroupArn(value);
  const prefix = value.endsWith("*") ? value.slice(0, -1) : null;
  if (prefix === "") return { ok: false, reason: `"*" alone would query every log group: give a prefix before the *` };
  const checked = validateLogGroupName(prefix ?? value);
  if (!checked.ok) return checked;
  return { ok: true, value: prefix === null ? { kind: "name", name: checked.value } : { kind: "prefix", prefix: checked.value } };
}

/** A log group ARN (as `parseLogGroupArn` normalizes it), not a name: such a group is queried through `logGroupIdentifiers`. */
export function isLogGroupArn(group: string): boolean {
  return group.startsWith("arn:");
}

/** The partition of a Region: China and GovCloud have their own. */
function partitionOf(region: string): string {
  return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
}

/**
 * The log group of a Lambda function: `/aws/lambda/<fn>`, or, when `byArn` (a trace that crosses
 * accounts: some groups are in a source account, which a monitoring account names by ARN only),
 * its ARN in the function's account and Region (the resource's `cloud.account.id` and
 * `cloud.region`, from the function's ARN) when both are known. Null when the name is not valid.
 */
export function lambdaLogGroupOf(fn: string, resource: Readonly<Record<string, unknown>>, byArn: boolean): string | null {
  const name = `/aws/lambda/${fn}`;
  if (!validateLogGroupName(name).ok) return null;
  const account = resource["cloud.account.id"];
  const region = resource["cloud.region"];
  if (!byArn || typeof account !== "string" || typeof region !== "string") return name;
  const arn = parseLogGroupSpec(`arn:${partitionOf(region)}:logs:${region}:${account}:log-group:${name}`);
  return arn.ok && arn.value.kind === "arn" ? arn.value.arn : name;
}

/** The trace's spans come from more than one AWS account (`cloud.account.id`): its log groups are named by ARN where known. */
export function crossesAccounts(spans: readonly { resource: Readonly<Record<string, unknown>> }[]): boolean {
  const accounts = new Set<unknown>();
  for (const span of spans) if (typeof span.resource["cloud.account.id"] === "string") accounts.add(span.resource["cloud.account.id"]);
  return accounts.size > 1;
}

/** StartQuery takes at most 50 log groups: split the distinct names into queries of that size. */
export function chunkLogGroups(groups: readonly string[], maxPerQuery = 50): string[][] {
  if (!Number.isInteger(maxPerQuery) || maxPerQuery < 1) throw new RangeError("maxPerQuery must be a positive integer");
  const distinct = [...new Set(groups)];
  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += maxPerQuery) chunks.push(distinct.slice(i, i + maxPerQuery));
  return chunks;
}
