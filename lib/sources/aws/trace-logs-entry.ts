/**
 * The Logs Insights queries of one trace, from the first request until they finish.
 *
 * - Plan: two passes, both from the window around the ID's epoch second; when the trace
 *   arrives, its real window (and its own groups), minus what is already covered.
 *   - wide: `filterIndex traceId` over every group of the account (LOG_SCOPE=account, started at
 *     once), or (LOG_SCOPE=groups) over the LOG_GROUPS prefixes the narrow pass cannot cover —
 *     their expansion was cut at the cap, or DescribeLogGroups failed (ResolvedGroups.uncovered;
 *     SOURCE logGroups(namePrefix)) — once they are known: lines in groups nobody named, reading
 *     only indexed matching events (wideTraceLogsQuery). A prefix expanded in full is searched by
 *     the narrow pass alone: one query, not two sharing GetQueryResults' rate;
 *   - narrow: the groups Sightline can name (LOG_GROUPS, each `prefix*` expanded through
 *     DescribeLogGroups, its ARNs as they are — logGroupIdentifiers then, logGroupNames
 *     otherwise —, then the trace's own) for every form of the ID (traceLogsQuery): the
 *     forms no index covers (`trace_id`, the ID inside `@message`, REPORT lines) are found in
 *     every group they were found in before the wide pass existed.
 *   - request (once the trace is known): each Lambda invocation's lines in its function's group
 *     by request ID (requestIdLogsQuery, lambda-invocations.ts), attached to the function's span:
 *     the lines that carry only the request ID.
 *   When StartQuery refuses the wide query (MalformedQueryException, InvalidParameterException:
 *   a region or log class without field indexes), the other wide queries are stopped, the
 *   narrow pass goes on alone, and the answer says so once.
 * - Start: StartQuery, built from the ParsedTraceId only (traceLogsQuery). LimitExceededException
 *   (too many concurrent queries in the account) waits and retries with backoff and jitter, a
 *   bounded number of times. ResourceNotFoundException (a group does not exist) drops the group
 *   the message names; when it names none, the query is split in halves until the missing
 *   groups are alone, and they are dropped.
 * - Poll: the entry polls each running query itself (GetQueryResults on its own unref'd timer),
 *   never because a browser asked: one call per poll however many browsers wait. The interval
 *   rises with the query's age (pollDelayMs), so a query is seen complete at most
 *   max(minimum, 12 % of its age) after it completed, and a long query costs few calls.
 * - Watch: every change of what result() answers (a poll with new status or statistics, a start
 *   that failed, the plan done) is announced to the waiters (waitForChange: the long poll).
 * - Stop: StopQuery for every running query (the browser went away, or the user cancelled), and
 *   no more polls.
 */
import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  StartQueryCommand,
  StopQueryCommand,
} from "@aws-sdk/client-cloudwatch-logs";
import type { LogEvent, LogsResult, LogsStats, Trace } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type { LogScope } from "./aws-config";
import { errorName, isTransientAwsError, toApiError } from "./aws-errors";
import { type Backoff, backoffDelay } from "./backoff";
import { type LambdaInvocation, lambdaInvocationsOfTrace } from "./lambda-invocations";
import { withLambdaReport } from "./lambda-report-fields";
import { type ResolvedGroups, logGroupsOfTrace } from "./log-group-resolver";
import { isLogGroupArn } from "./log-groups";
import { LogsCoverage } from "./logs-coverage";
import { type LogsQueryRecord, logsOutcome, zeroStats } from "./logs-outcome";
import {
  LOGS_QUERY_LIMIT,
  type QueryMargins,
  type QueryWindow,
  type WideScope,
  describeWideScope,
  queryWindow,
  requestIdLogsQuery,
  traceLogsQuery,
  wideScopes,
  wideTraceLogsQuery,
} from "./logs-query";
import { logEventsFromQueryResults } from "./logs-results";
import { SPANS_LOG_GROUP } from "./spans-query";

export interface EntrySettings {
  logs: CloudWatchLogsClient;
  maxGroupsPerQuery: number;
  margins: QueryMargins;
  /** Added after the ID's second before the trace is known: the trace's own duration, guessed. */
  prefetchAllowanceMs: number;
  /** The shortest interval between two polls of one query (pollDelayMs). */
  pollIntervalMs: number;
  /** The longest interval between two polls of one query. */
  maxPollIntervalMs: number;
  /** LimitExceededException on StartQuery. */
  startBackoff: Backoff;
  pricePerGb: number;
  /**
   * Where the wide pass looks: `account` (every group of the account), or `groups` (default: the
   * LOG_GROUPS prefixes the narrow pass cannot cover, `configured().uncovered`; none: no wide pass).
   */
  logScope?: LogScope;
  now: () => number;
}

export interface EntrySources {
  /** LOG_GROUPS, each `prefix*` expanded. */
  configured: () => Promise<ResolvedGroups>;
  loadTrace: (id: ParsedTraceId) => Promise<Trace | null>;
}

/**
 * A transient failure (throttling, 5xx, timeout, network) that outlived the SDK's own retries is
 * tried again this many times more: StartQuery after a backoff, GetQueryResults at the next
 * poll. A query is failed only when it persists (each try being up to the SDK's maxAttempts).
 */
export const TRANSIENT_RETRIES = 2;

const END_STATUS_MESSAGES: Readonly<Record<string, string>> = {
  Failed: "CloudWatch Logs Insights reported the query as Failed.",
  Timeout: "The Logs Insights query timed out (Timeout).",
  Cancelled: "The Logs Insights query was cancelled (Cancelled).",
  Unknown: "CloudWatch Logs Insights lost track of the query (Unknown).",
};

function statsOf(answer: GetQueryResultsCommandOutput): LogsStats {
  const s = answer.statistics;
  return { recordsScanned: s?.recordsScanned ?? 0, bytesScanned: s?.bytesScanned ?? 0, recordsMatched: s?.recordsMatched ?? 0 };
}

/**
 * The poll interval grows with the query's age: the wait after a query completes, before a poll
 * sees it, stays a bounded fraction (12 %) of the time the query took.
 */
export const POLL_AGE_RATIO = 0.12;

/** The delay before the next poll of a query running for `ageMs`: clamp(ratio × age, min, max). */
export function pollDelayMs(ageMs: number, minMs: number, maxMs: number): number {
  return Math.min(maxMs, Math.max(minMs, POLL_AGE_RATIO * ageMs));
}

/** What a waiting request compares: a change of any of these is news for the browser. */
function progressKey(result: LogsResult): string {
  const { status, stats, message, events } = result;
  return JSON.stringify([status, stats, message, events.length]);
}

/**
 * StartQuery's log groups: `logGroupNames` while every group is a name of this account, else
 * `logGroupIdentifiers` (names and ARNs: a monitoring account must name a source account's
 * group by ARN). StartQuery takes exactly one of logGroupName, logGroupNames and
 * logGroupIdentifiers (API_StartQuery).
 */
export function logGroupsParameter(groups: readonly string[]): { logGroupNames: string[] } | { logGroupIdentifiers: string[] } {
  return groups.some(isLogGroupArn) ? { logGroupIdentifiers: [...groups] } : { logGroupNames: [...groups] };
}

/** Request IDs in one request-ID query (a short query string, and a window of nearby invocations). */
const REQUEST_IDS_PER_QUERY = 50;

const UUID_IN_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** A line of the request-ID pass, given its invocation's span, service and trace (where it names none). */
function attachToInvocation(event: LogEvent, invocations: ReadonlyMap<string, LambdaInvocation>, id: ParsedTraceId): LogEvent {
  const field = event.fields.requestId;
  const candidates = [...(typeof field === "string" ? [field] : []), ...(event.message.match(UUID_IN_TEXT) ?? [])];
  const invocation = candidates.map((c) => invocations.get(c.toLowerCase())).find((i) => i !== undefined);
  if (!invocation) return event;
  return { ...event, spanId: event.spanId ?? invocation.spanId, service: event.service ?? invocation.service, traceId: event.traceId ?? id.hex };
}

export class TraceLogsEntry {
  /** Epoch ms of the last request for these logs. */
  lastAccess: number;
  /** The trace's end, once known: how long the finished result may be kept. */
  traceEnd: number | null = null;
  private readonly queries: LogsQueryRecord[] = [];
  private readonly coverage = new LogsCoverage();
  /** What the wide pass has covered (one key: its scopes are always queried together). */
  private readonly wideCoverage = new LogsCoverage();
  /** The wide pass's scopes (at most five prefixes each, or the account), once known. */
  private wideScopes: readonly WideScope[] = [];
  /** The wide pass was refused: no more wide queries; the fallback's note. */
  private wideRefused: string | null = null;
  private readonly missingGroups = new Set<string>();
  private readonly problems: string[] = [];
  /** Plans still resolving groups or loading the trace (the first one, a fallback): queries may still be added. */
  private plans = 1;
  private stopped = false;
  private readonly abort = new AbortController();
  /** The timers of the next polls, one per running query. */
  private readonly pollTimers = new Set<NodeJS.Timeout>();
  /** Failed polls in a row per query (transient failures, tried again at the next poll). */
  private readonly pollFailures = new Map<LogsQueryRecord, number>();
  /** The requests waiting for a change (waitForChange). */
  private readonly waiters = new Set<() => void>();

  constructor(
    private readonly id: ParsedTraceId,
    private readonly settings: EntrySettings,
    sources: EntrySources,
    /** Called after every change (the registry keeps the result once the entry is finished). */
    private readonly onChange: () => void,
  ) {
    this.lastAccess = settings.now();
    void this.planAll(sources);
  }

  private async planAll(sources: EntrySources): Promise<void> {
    const { margins, prefetchAllowanceMs } = this.settings;
    // Both start now: the logs query does not wait for the trace.
    const trace = sources.loadTrace(this.id).catch(() => null);
    const prefetch = queryWindow(this.id, undefined, { ...margins, afterMs: margins.afterMs + prefetchAllowanceMs });
    try {
      // Over the account, the wide pass needs no group names: it starts before anything is resolved.
      if (this.settings.logScope === "account") {
        this.wideScopes = wideScopes("account", []);
        this.addWide(prefetch);
      }
      const configured = await sources.configured();
      this.problems.push(...configured.problems);
      if (this.settings.logScope !== "account") {
        this.wideScopes = wideScopes("groups", configured.uncovered);
        this.addWide(prefetch);
      }
      this.add(configured.groups, prefetch);
      const known = await trace;
      if (known && known.spans.length > 0) {
        this.traceEnd = known.endTime;
        const window = queryWindow(this.id, known, margins);
        this.addWide(window);
        this.add([...configured.groups, ...logGroupsOfTrace(known)], window);
        this.addRequestPass(lambdaInvocationsOfTrace(known));
      }
    } catch (error) {
      this.problems.push(`Sightline could not plan the logs search: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.plans -= 1;
      this.changed();
    }
  }

  private add(groups: readonly string[], window: QueryWindow): void {
    if (this.stopped) return;
    const wanted = groups.filter((g) => !this.missingGroups.has(g));
    for (const planned of this.coverage.plan(wanted, window, this.settings.maxGroupsPerQuery)) this.launch(planned.groups, planned.window);
  }

  /** The wide pass over the part of `window` it has not covered yet: one query per scope. */
  private addWide(window: QueryWindow): void {
    if (this.stopped || this.wideRefused !== null || this.wideScopes.length === 0) return;
    for (const planned of this.wideCoverage.plan(["wide"], window, 1)) {
      for (const scope of this.wideScopes) {
        const record: LogsQueryRecord = {
          pass: "wide",
          scope,
          groups: [],
          window: planned.window,
          status: { kind: "waiting" },
          events: [],
          stats: zeroStats(),
        };
        this.queries.push(record);
        void this.start(record);
      }
    }
  }

  /**
   * The request-ID pass: one query per function group (its invocations' IDs together, 50 a
   * query), over the invocations' time with a second before and the platform lines' 15 s after.
   */
  private addRequestPass(invocations: readonly LambdaInvocation[]): void {
    if (this.stopped) return;
    const byGroup = new Map<string, LambdaInvocation[]>();
    for (const invocation of invocations) {
      if (this.missingGroups.has(invocation.logGroup)) continue;
      const list = byGroup.get(invocation.logGroup);
      if (list) list.push(invocation);
      else byGroup.set(invocation.logGroup, [invocation]);
    }
    for (const [group, all] of byGroup) {
      for (let i = 0; i < all.length; i += REQUEST_IDS_PER_QUERY) {
        const chunk = all.slice(i, i + REQUEST_IDS_PER_QUERY);
        const window = {
          startTime: Math.max(0, Math.floor((Math.min(...chunk.map((c) => c.startTime)) - 1_000) / 1000)),
          endTime: Math.ceil((Math.max(...chunk.map((c) => c.endTime)) + 15_000) / 1000),
        };
        const record: LogsQueryRecord = {
          pass: "request",
          groups: [group],
          invocations: new Map(chunk.map((c) => [c.requestId, c])),
          window,
          status: { kind: "waiting" },
          events: [],
          stats: zeroStats(),
        };
        this.queries.push(record);
        void this.start(record);
      }
    }
  }

  private launch(groups: string[], window: QueryWindow): void {
    const record: LogsQueryRecord = { pass: "narrow", groups, window, status: { kind: "waiting" }, events: [], stats: zeroStats() };
    this.queries.push(record);
    void this.start(record);
  }

  /**
   * StartQuery refused the wide query (no field indexes, no SOURCE here): stop the other wide
   * queries and say so once; the narrow pass goes on over the groups Sightline can name.
   */
  private async fallBack(record: LogsQueryRecord, error: unknown): Promise<void> {
    record.status = { kind: "replaced" };
    if (this.wideRefused !== null) return;
    const reason = error instanceof Error ? error.message : String(error);
    const scopes = this.wideScopes.map(describeWideScope).join("; ");
    this.wideRefused = `The wide search (filterIndex traceId over ${scopes}) was refused (${errorName(error)}: ${reason.slice(0, 200)}); Sightline searched the named log groups only.`;
    this.changed();
    await Promise.all(this.queries.filter((q) => q.pass === "wide" && q !== record).map((q) => this.stopQuery(q, { kind: "replaced" })));
    this.changed();
  }

  private async start(record: LogsQueryRecord): Promise<void> {
    const { logs, startBackoff } = this.settings;
    let transientFailures = 0;
    for (let attempt = 0; ; attempt++) {
      if (this.stopped) return;
      try {
        const window = { startTime: record.window.startTime, endTime: record.window.endTime };
        const answer = await logs.send(
          new StartQueryCommand(
            record.scope
              ? // The SOURCE command selects the groups: StartQuery then names none (API_StartQuery).
                { ...window, queryLanguage: "CWLI", queryString: wideTraceLogsQuery(this.id, record.scope), limit: LOGS_QUERY_LIMIT }
              : {
                  ...window,
                  queryLanguage: "CWLI",
                  ...logGroupsParameter(record.groups),
                  queryString: record.invocations ? requestIdLogsQuery([...record.invocations.keys()]) : traceLogsQuery(this.id),
                  limit: LOGS_QUERY_LIMIT,
                },
          ),
        );
        if (!answer.queryId) throw new Error("StartQuery answered without a queryId");
        record.status = { kind: "running", queryId: answer.queryId };
        // Stopped while StartQuery was in flight: the query exists now, stop it too.
        if (this.stopped) await this.stopQuery(record);
        else this.schedulePoll(record, this.settings.now());
        return;
      } catch (error) {
        const name = errorName(error);
        if (record.pass === "wide" && (name === "MalformedQueryException" || name === "InvalidParameterException")) {
          await this.fallBack(record, error);
          return;
        }
        if (name === "LimitExceededException" && attempt < startBackoff.retries) {
          await this.sleep(backoffDelay(startBackoff, attempt));
        } else if (name === "ResourceNotFoundException") {
          this.dropMissing(record, error instanceof Error ? error.message : "");
          this.changed();
          return;
        } else if (name !== "LimitExceededException" && isTransientAwsError(error) && transientFailures < TRANSIENT_RETRIES) {
          await this.sleep(backoffDelay(startBackoff, transientFailures));
          transientFailures += 1;
        } else if (name === "LimitExceededException") {
          record.status = {
            kind: "failed",
            message: `Too many Logs Insights queries are running in this AWS account (LimitExceededException); Sightline retried ${attempt} times. Try again in a minute.`,
          };
          this.changed();
          return;
        } else {
          record.status = { kind: "failed", message: toApiError(error, "logs:StartQuery").message };
          this.changed();
          return;
        }
      }
    }
  }

  /** A group of the query does not exist: drop the one named, or split the query to find it. */
  private dropMissing(record: LogsQueryRecord, message: string): void {
    record.status = { kind: "replaced" };
    // CloudWatch names it in quotes ("Log group '/aws/lambda/x' does not exist …"), or not at all.
    const named = record.groups.filter((g) => message.includes(`'${g}'`));
    if (named.length > 0 || record.groups.length === 1) {
      const missing = named.length > 0 ? named : record.groups;
      for (const g of missing) this.missingGroups.add(g);
      const rest = record.groups.filter((g) => !this.missingGroups.has(g));
      if (rest.length > 0) this.launch(rest, record.window);
      return;
    }
    const half = Math.ceil(record.groups.length / 2);
    this.launch(record.groups.slice(0, half), record.window);
    this.launch(record.groups.slice(half), record.window);
  }

  /** The next poll of a running query, after a delay rising with its age (running since `since`). */
  private schedulePoll(record: LogsQueryRecord, since: number): void {
    if (this.stopped || record.status.kind !== "running") return;
    const { pollIntervalMs, maxPollIntervalMs, now } = this.settings;
    const timer = setTimeout(
      () => {
        this.pollTimers.delete(timer);
        void this.poll(record).then(() => this.schedulePoll(record, since));
      },
      pollDelayMs(now() - since, pollIntervalMs, maxPollIntervalMs),
    );
    timer.unref();
    this.pollTimers.add(timer);
  }

  private async poll(record: LogsQueryRecord): Promise<void> {
    if (record.status.kind !== "running") return;
    let answer: GetQueryResultsCommandOutput;
    try {
      answer = await this.settings.logs.send(new GetQueryResultsCommand({ queryId: record.status.queryId }));
    } catch (error) {
      if (this.stopped) return;
      const failures = (this.pollFailures.get(record) ?? 0) + 1;
      // Still running upstream, as far as anyone knows: the next poll asks again.
      if (isTransientAwsError(error) && failures <= TRANSIENT_RETRIES) {
        this.pollFailures.set(record, failures);
        return;
      }
      this.pollFailures.delete(record);
      record.status = { kind: "failed", message: toApiError(error, "logs:GetQueryResults").message };
      this.changed();
      return;
    }
    this.pollFailures.delete(record);
    if (this.stopped || record.status.kind !== "running") return;
    record.stats = statsOf(answer);
    const status = answer.status ?? "Unknown";
    if (status === "Complete") {
      // Transaction Search's span records (aws/spans) carry traceId too: spans, not log lines.
      const events = logEventsFromQueryResults(answer.results ?? [])
        .filter((e) => e.logGroup !== SPANS_LOG_GROUP)
        .map(withLambdaReport);
      const invocations = record.invocations;
      record.events = invocations ? events.map((e) => attachToInvocation(e, invocations, this.id)) : events;
      record.status = { kind: "complete" };
    } else if (status !== "Scheduled" && status !== "Running") {
      record.status = { kind: "failed", message: END_STATUS_MESSAGES[status] ?? `The Logs Insights query ended with status ${status}.` };
    }
    this.changed();
  }

  /** Tell the registry and the waiting requests that result() may answer something new. */
  private changed(): void {
    this.onChange();
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * Resolves once result() answers something new (status, statistics, message or events), after
   * `waitMs`, or when `signal` aborts (the browser went away), whichever comes first. Leaves no
   * timer or listener behind.
   */
  waitForChange(waitMs: number, signal?: AbortSignal): Promise<void> {
    const before = progressKey(this.result());
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waiters.delete(onChange);
        signal?.removeEventListener("abort", done);
        resolve();
      };
      const onChange = () => {
        if (progressKey(this.result()) !== before) done();
      };
      const timer = setTimeout(done, waitMs);
      timer.unref();
      this.waiters.add(onChange);
      if (signal?.aborted) done();
      else signal?.addEventListener("abort", done, { once: true });
    });
  }

  /** Requests currently waiting for a change: while there are any, someone is looking. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** Nothing is planned, waiting or running any more. */
  get finished(): boolean {
    return this.plans === 0 && this.queries.every((q) => q.status.kind !== "waiting" && q.status.kind !== "running");
  }

  result(): LogsResult {
    return logsOutcome(this.queries, {
      planning: this.plans > 0,
      missingGroups: [...this.missingGroups],
      problems: this.problems,
      notes: this.wideRefused === null ? [] : [this.wideRefused],
      pricePerGb: this.settings.pricePerGb,
    });
  }

  /** Stop every running query (StopQuery) and start nothing more. The number of queries stopped. */
  async stop(): Promise<number> {
    this.stopped = true;
    this.abort.abort();
    for (const timer of this.pollTimers) clearTimeout(timer);
    this.pollTimers.clear();
    const running = this.queries.filter((q) => q.status.kind === "running");
    const stopping = Promise.all(running.map((q) => this.stopQuery(q)));
    // The queries show as cancelled now: the waiting requests answer that.
    if (running.length > 0) this.changed();
    await stopping;
    return running.length;
  }

  private async stopQuery(record: LogsQueryRecord, as: LogsQueryRecord["status"] = { kind: "failed", message: END_STATUS_MESSAGES.Cancelled }): Promise<void> {
    if (record.status.kind !== "running") {
      if (record.status.kind === "waiting" && as.kind === "replaced") record.status = as;
      return;
    }
    const { queryId } = record.status;
    record.status = as;
    // The query may have finished meanwhile: StopQuery then fails, and there is nothing to stop.
    await this.settings.logs.send(new StopQueryCommand({ queryId })).catch(() => undefined);
  }

  /** A backoff wait that ends early when the entry is stopped. */
  private sleep(ms: number): Promise<void> {
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const onAbort = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}
