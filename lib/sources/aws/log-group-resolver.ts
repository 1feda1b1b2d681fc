/**
 * Which log groups to search for one trace's logs:
 *
 * - the configured `LOG_GROUPS`: exact names and ARNs (groups of linked source accounts, as a
 *   monitoring account names them) as they are, and each `prefix*` expanded through
 *   DescribeLogGroups (logGroupNamePrefix, every page up to a cap), remembered for a few minutes
 *   and shared by concurrent callers;
 * - once the trace is known, the groups it names itself: `aws.log.group.names` of its spans'
 *   resources (X-Ray's `aws.cloudwatch_logs`, OTel's resource attribute), and `/aws/lambda/<fn>`
 *   for each Lambda function in it.
 *
 * A prefix that cannot be expanded (access denied, throttled) is reported in `problems`; the
 * other groups are still searched. Such a prefix, and one with more groups than the cap, is
 * `uncovered`: the narrow pass does not name all its groups, so the wide pass searches it.
 */
import { type CloudWatchLogsClient, DescribeLogGroupsCommand } from "@aws-sdk/client-cloudwatch-logs";
import type { Trace } from "../../model";
import { toApiError } from "./aws-errors";
import { Coalescer } from "./coalesce";
import { type LogGroupSpec, crossesAccounts, lambdaLogGroupOf, parseLogGroupSpec, validateLogGroupName } from "./log-groups";

export interface ResolvedGroups {
  /** Log group names (the own account's) and ARNs (any account's: logGroupIdentifiers). */
  groups: string[];
  /** Why some configured groups could not be resolved, in words for the user. */
  problems: string[];
  /**
   * The `prefix*` entries whose groups `groups` does not all hold: the expansion was cut at the
   * cap, or DescribeLogGroups failed. The wide pass searches these (LOG_SCOPE=groups).
   */
  uncovered: string[];
}

export interface ResolverOptions {
  /** How long a prefix's expansion is remembered. */
  ttlMs: number;
  /** Groups one prefix expands to at most (DescribeLogGroups pages of 50). */
  maxGroupsPerPrefix: number;
  now?: () => number;
}

export const DEFAULT_RESOLVER_OPTIONS: ResolverOptions = { ttlMs: 5 * 60_000, maxGroupsPerPrefix: 1_000 };

/** `truncated`: the prefix has more groups than these (DescribeLogGroups had another page after the cap). */
type Expansion = { ok: true; groups: string[]; truncated: boolean } | { ok: false; problem: string };

export class LogGroupResolver {
  private readonly expansions: Coalescer<Expansion>;

  constructor(
    private readonly logs: CloudWatchLogsClient,
    private readonly specs: readonly LogGroupSpec[],
    private readonly options: ResolverOptions,
  ) {
    // Failures are answers too (kept briefly), so that a denied prefix is not asked on every poll.
    this.expansions = new Coalescer<Expansion>({
      kind: "log-group-prefixes",
      ttlMs: (e) => (e.ok ? options.ttlMs : Math.min(options.ttlMs, 10_000)),
      maxEntries: 1_000,
      now: options.now,
    });
  }

  /** The configured groups, each `prefix*` expanded to at most `maxPerPrefix` of its groups (the first, by name). */
  async configured(maxPerPrefix = this.options.maxGroupsPerPrefix): Promise<ResolvedGroups> {
    const groups: string[] = [];
    const problems: string[] = [];
    const uncovered: string[] = [];
    const expanded = await Promise.all(
      this.specs.map(async (spec) => {
        if (spec.kind !== "prefix")
          return { prefix: null, expansion: { ok: true, groups: [spec.kind === "name" ? spec.name : spec.arn], truncated: false } as const };
        return { prefix: spec.prefix, expansion: await this.expand(spec.prefix) };
      }),
    );
    for (const { prefix, expansion } of expanded) {
      if (expansion.ok) groups.push(...expansion.groups.slice(0, maxPerPrefix));
      else problems.push(expansion.problem);
      const cut = !expansion.ok || expansion.truncated || expansion.groups.length > maxPerPrefix;
      if (prefix !== null && cut) uncovered.push(prefix);
    }
    return { groups: [...new Set(groups)], problems, uncovered: [...new Set(uncovered)] };
  }

  private expand(prefix: string): Promise<Expansion> {
    return this.expansions.get(prefix, async () => {
      const groups: string[] = [];
      let nextToken: string | undefined;
      try {
        do {
          const answer = await this.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: prefix, nextToken }));
          for (const group of answer.logGroups ?? []) if (group.logGroupName) groups.push(group.logGroupName);
          nextToken = answer.nextToken;
        } while (nextToken && groups.length < this.options.maxGroupsPerPrefix);
      } catch (error) {
        return { ok: false, problem: `The log groups ${prefix}* could not be listed: ${toApiError(error, "logs:DescribeLogGroups").message}` };
      }
      // More groups than the cap, or another page after it (which may hold more): cut.
      const truncated = groups.length > this.options.maxGroupsPerPrefix || Boolean(nextToken);
      return { ok: true, groups: groups.slice(0, this.options.maxGroupsPerPrefix), truncated };
    });
  }
}

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/**
 * The log groups a trace names: its resources' `aws.log.group.names`, and its Lambda functions'
 * groups. When the trace crosses accounts (CloudWatch cross-account observability: Sightline in
 * the monitoring account, some services in source accounts), a group is named by its ARN where
 * the trace gives one (`aws.log.group.arns`, X-Ray's `aws.cloudwatch_logs[].arn`; a Lambda
 * function's account and Region), since a source account's group is found by ARN only.
 */
export function logGroupsOfTrace(trace: Trace): string[] {
  const byArn = crossesAccounts(trace.spans);
  const groups = new Set<string>();
  for (const span of trace.spans) {
    const arns = byArn ? stringsOf(span.resource["aws.log.group.arns"]).flatMap(normalizedArn) : [];
    if (arns.length > 0) for (const arn of arns) groups.add(arn);
    else for (const name of stringsOf(span.resource["aws.log.group.names"])) if (validateLogGroupName(name).ok) groups.add(name);
    const fn = span.resource["faas.name"];
    if (span.origin?.startsWith("AWS::Lambda") && typeof fn === "string") {
      const group = lambdaLogGroupOf(fn, span.resource, byArn);
      if (group !== null) groups.add(group);
    }
  }
  return [...groups];
}

function normalizedArn(value: string): string[] {
  const parsed = parseLogGroupSpec(value);
  return parsed.ok && parsed.value.kind === "arn" ? [parsed.value.arn] : [];
}
