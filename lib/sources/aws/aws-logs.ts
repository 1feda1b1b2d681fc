/**
 * getTraceLogs on CloudWatch Logs Insights: a registry of the running searches, by trace ID.
 *
 * - The first request for a trace (or a prefetch, from getTrace) starts its search; the search
 *   polls Logs Insights on its own schedule (trace-logs-entry.ts), however many browsers ask.
 *   Requests see the statistics grow, then the merged events with `complete`, `partial` or
 *   `failed`.
 * - Long poll: with `waitMs`, a request for a running search is answered when what it would
 *   answer changes (new status or statistics), or after `waitMs`, or when its signal aborts.
 * - A search nobody has asked about for `abandonAfterMs` is stopped (StopQuery): the browser
 *   went away. A request held open counts as asking until it is answered. `cancel` stops one
 *   explicitly.
 * - A complete result is kept like a trace is: for good when the trace ended more than 30
 *   minutes ago, else briefly (logs still arrive); a failed or partial one briefly.
 */
import type { LogsResult, Trace } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type { LogsReadOptions } from "../source";
import { countAnswer, FRESH_TTL_MS, TtlCache, ttlForEnd } from "./coalesce";
import { traceLogsQuery } from "./logs-query";
import type { ScanBudget } from "./scan-budget";
import type { ResolvedGroups } from "./log-group-resolver";
import { type EntrySettings, TraceLogsEntry } from "./trace-logs-entry";

export interface TraceLogsSettings extends EntrySettings {
  /** A search not asked about for this long is stopped. */
  abandonAfterMs: number;
  /** Finished results kept at most. */
  maxResults: number;
  /** The scan budget and per-user rate of new searches; none: unlimited. */
  budget?: ScanBudget;
}

export class TraceLogsRegistry {
  private readonly entries = new Map<string, TraceLogsEntry>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly results: TtlCache<LogsResult>;

  constructor(
    private readonly settings: TraceLogsSettings,
    private readonly configured: (options?: { expandPrefixes?: boolean }) => Promise<ResolvedGroups>,
    private readonly loadTrace: (id: ParsedTraceId) => Promise<Trace | null>,
  ) {
    this.results = new TtlCache<LogsResult>(settings.maxResults, settings.now);
  }

  /**
   * The logs of the trace as far as they are known; starts the search on the first call. With
   * `waitMs`, a running search is answered once that changes (or after `waitMs`).
   */
  async get(id: ParsedTraceId, wait: LogsReadOptions = {}): Promise<LogsResult> {
    const cached = this.results.get(id.hex);
    if (cached) {
      countAnswer("logs", "cached");
      return cached;
    }
    let entry = this.entries.get(id.hex);
    if (!entry) {
      // Only a new search costs anything: cached and running ones are shared for free.
      const check = this.settings.budget?.tryStart(wait.requester ?? null, this.settings.now()) ?? { ok: true };
      if (!check.ok) return this.refusal(id, check.reason, check.message);
      entry = this.open(id);
      countAnswer("logs", "upstream");
    } else {
      countAnswer("logs", "coalesced");
    }
    entry.lastAccess = this.settings.now();
    const waitMs = wait.waitMs ?? 0;
    if (waitMs <= 0 || entry.result().status !== "running") return entry.result();
    await entry.waitForChange(waitMs, wait.signal);
    // The browser was here until now: idle time counts from the answer.
    entry.lastAccess = this.settings.now();
    return entry.result();
  }

  /** Start the search now (getTrace calls this as it starts fetching the trace), unless the budget or `requester`'s rate says no. */
  prefetch(id: ParsedTraceId, requester: string | null = null): void {
    if (this.results.get(id.hex)) return;
    const existing = this.entries.get(id.hex);
    if (existing) existing.lastAccess = this.settings.now();
    else if (this.settings.budget?.tryStart(requester, this.settings.now()).ok ?? true) this.open(id);
  }

  /** No search: why, and the query to run by hand (never cached: the budget may allow it later). */
  private async refusal(id: ParsedTraceId, reason: "budget" | "rate", message: string): Promise<LogsResult> {
    const logGroups = await this.configured().then(
      (r) => r.groups,
      () => [],
    );
    return { events: [], status: "failed", message, refused: { reason, query: traceLogsQuery(id), logGroups } };
  }

  /** Stop the trace's running search. False when there was none. */
  async cancel(id: ParsedTraceId): Promise<boolean> {
    const entry = this.entries.get(id.hex);
    if (!entry) return false;
    this.forget(id.hex);
    await entry.stop();
    return true;
  }

  /** Stop every search and every timer (server shutdown, tests). */
  async close(): Promise<void> {
    const entries = [...this.entries.values()];
    for (const hex of [...this.entries.keys()]) this.forget(hex);
    await Promise.all(entries.map((e) => e.stop()));
  }

  /** Searches currently open (running, or finished and not yet read). */
  get openSearches(): number {
    return this.entries.size;
  }

  private open(id: ParsedTraceId): TraceLogsEntry {
    const entry: TraceLogsEntry = new TraceLogsEntry(id, this.settings, { configured: this.configured, loadTrace: this.loadTrace }, () => {
      // Finished: keep the result (the entry and its timers go), whether or not anyone asks.
      if (entry.finished && this.entries.get(id.hex) === entry) this.finish(id, entry, entry.result());
    });
    this.entries.set(id.hex, entry);
    this.watch(id.hex, entry, this.settings.abandonAfterMs);
    return entry;
  }

  /** Stop the entry once nobody has asked about it for abandonAfterMs (a held request is asking). */
  private watch(hex: string, entry: TraceLogsEntry, delayMs: number): void {
    const timer = setTimeout(() => {
      if (this.entries.get(hex) !== entry) return;
      if (entry.waiting > 0) entry.lastAccess = this.settings.now();
      const idle = this.settings.now() - entry.lastAccess;
      if (idle < this.settings.abandonAfterMs) {
        this.watch(hex, entry, this.settings.abandonAfterMs - idle);
        return;
      }
      this.forget(hex);
      void entry.stop();
    }, delayMs);
    timer.unref();
    this.timers.set(hex, timer);
  }

  private finish(id: ParsedTraceId, entry: TraceLogsEntry, result: LogsResult): void {
    this.forget(id.hex);
    this.settings.budget?.record(result.stats?.bytesScanned ?? 0, this.settings.now());
    const end = entry.traceEnd ?? id.epochSeconds * 1000;
    // Only a complete result may be kept for good: a failure or a partial one may be transient.
    const ttl = result.status === "complete" ? ttlForEnd(end, this.settings.now()) : FRESH_TTL_MS;
    this.results.set(id.hex, result, ttl);
  }

  private forget(hex: string): void {
    this.entries.delete(hex);
    clearTimeout(this.timers.get(hex));
    this.timers.delete(hex);
  }
}
