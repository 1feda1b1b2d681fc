/**
 * What users can make Sightline spend on Logs Insights (billed by bytes scanned):
 * - a process-wide budget of bytes scanned per UTC day (LOGS_SCAN_BUDGET_GB_PER_DAY, default
 *   100 GB): once today's searches have scanned that much, no new search starts until midnight UTC;
 * - a per-user rate of new searches (LOGS_SEARCHES_PER_USER_PER_MINUTE, default 20 a minute).
 * Only new searches count: cached results and requests that join a running search cost nothing.
 * A refused search is not an error of the trace: the logs panel says why and offers the query
 * text to run by hand. The state is on globalThis (Symbol.for) so a status page or /metrics, in
 * another bundle, reads the same counters: scanBudgetStats().
 */
import { ConfigError } from "../../config-error";
import { metrics } from "../../metrics/metrics";

const GB = 1024 ** 3;
const MINUTE = 60_000;

export interface ScanBudgetSettings {
  bytesPerDay: number;
  searchesPerUserPerMinute: number;
  pricePerGb: number;
}

const DEFAULT_SCAN_BUDGET: ScanBudgetSettings = { bytesPerDay: 100 * GB, searchesPerUserPerMinute: 20, pricePerGb: 0.005 };

export type StartCheck = { ok: true } | { ok: false; reason: "budget" | "rate"; message: string };

export interface ScanBudgetStats {
  /** UTC day the figures are for, YYYY-MM-DD. */
  day: string;
  bytesScannedToday: number;
  gbScannedToday: number;
  budgetGbPerDay: number;
  estimatedUsdToday: number;
  searchesStartedToday: number;
  refusedBudget: number;
  refusedRate: number;
  searchesPerUserPerMinute: number;
}

const utcDay = (now: number) => new Date(now).toISOString().slice(0, 10);

export class ScanBudget {
  private day = "";
  private bytes = 0;
  private started = 0;
  private refusedBudget = 0;
  private refusedRate = 0;
  private readonly recent = new Map<string, number[]>();

  constructor(public settings: ScanBudgetSettings = DEFAULT_SCAN_BUDGET) {}

  /** May a new search start for `requester` (null: not on behalf of a user; only the budget applies)? Counts it when it may. */
  tryStart(requester: string | null, now: number): StartCheck {
    this.roll(now);
    if (this.bytes >= this.settings.bytesPerDay) {
      this.refusedBudget += 1;
      return {
        ok: false,
        reason: "budget",
        message: `Today's Logs Insights scan budget is used up (${fmtGb(this.bytes)} of ${fmtGb(this.settings.bytesPerDay)} GB, LOGS_SCAN_BUDGET_GB_PER_DAY); new log searches resume at 00:00 UTC. The trace itself is unaffected; run the query below by hand if you need its logs now.`,
      };
    }
    if (requester !== null) {
      const times = (this.recent.get(requester) ?? []).filter((t) => now - t < MINUTE);
      if (times.length >= this.settings.searchesPerUserPerMinute) {
        this.recent.set(requester, times);
        this.refusedRate += 1;
        const wait = Math.max(1, Math.ceil((times[0] + MINUTE - now) / 1000));
        return {
          ok: false,
          reason: "rate",
          message: `You started ${times.length} new log searches in the last minute, the most allowed (LOGS_SEARCHES_PER_USER_PER_MINUTE); try again in ${wait} s, or run the query below by hand.`,
        };
      }
      times.push(now);
      this.recent.set(requester, times);
      if (this.recent.size > 10_000) this.recent.delete(this.recent.keys().next().value!);
    }
    this.started += 1;
    return { ok: true };
  }

  /** Bytes a finished search scanned (its statistics). */
  record(bytesScanned: number, now: number): void {
    this.roll(now);
    if (!(Number.isFinite(bytesScanned) && bytesScanned > 0)) return;
    this.bytes += bytesScanned;
    metrics().logsBytesScanned.inc(bytesScanned);
    metrics().logsCostUsd.inc((bytesScanned / GB) * this.settings.pricePerGb);
  }

  stats(now: number): ScanBudgetStats {
    this.roll(now);
    return {
      day: this.day,
      bytesScannedToday: this.bytes,
      gbScannedToday: this.bytes / GB,
      budgetGbPerDay: this.settings.bytesPerDay / GB,
      estimatedUsdToday: Math.round((this.bytes / GB) * this.settings.pricePerGb * 1e6) / 1e6,
      searchesStartedToday: this.started,
      refusedBudget: this.refusedBudget,
      refusedRate: this.refusedRate,
      searchesPerUserPerMinute: this.settings.searchesPerUserPerMinute,
    };
  }

  private roll(now: number): void {
    const day = utcDay(now);
    if (day === this.day) return;
    this.day = day;
    this.bytes = 0;
    this.started = 0;
  }
}

const fmtGb = (bytes: number) => (bytes / GB).toFixed(bytes / GB < 1 ? 6 : 1);

export function parseScanBudgetConfig(env: Record<string, string | undefined>, pricePerGb: number): ScanBudgetSettings {
  const num = (name: string, def: number, integer: boolean): number => {
    const raw = (env[name] ?? "").trim();
    if (!raw) return def;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      throw new ConfigError(`Invalid configuration: ${name} must be a positive ${integer ? "whole " : ""}number, got "${raw.slice(0, 40)}"`);
    return n;
  };
  return {
    bytesPerDay: num("LOGS_SCAN_BUDGET_GB_PER_DAY", 100, false) * GB,
    searchesPerUserPerMinute: num("LOGS_SEARCHES_PER_USER_PER_MINUTE", 20, true),
    pricePerGb,
  };
}

const KEY = Symbol.for("sightline.scanBudget");
type WithBudget = typeof globalThis & { [KEY]?: ScanBudget };

/** The process's one budget; `settings` (from the aws source's configuration) replace the defaults. */
export function sharedScanBudget(settings?: ScanBudgetSettings): ScanBudget {
  const g = globalThis as WithBudget;
  const budget = (g[KEY] ??= new ScanBudget(settings));
  if (settings) budget.settings = settings;
  return budget;
}

/** The figures, for the status page and /metrics. */
export function scanBudgetStats(now = Date.now()): ScanBudgetStats {
  return sharedScanBudget().stats(now);
}
