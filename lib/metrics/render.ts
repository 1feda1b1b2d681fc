/**
 * The text a scrape gets: the registry of lib/metrics/metrics.ts, with the figures that other
 * modules keep (the login limiter, the Logs Insights scan budget, the embedded store's size) read
 * at the moment of the scrape.
 */
import { Counter, Gauge } from "prom-client";
import { loginLimiterStats } from "../auth/login-limiter";
import { config } from "../config";
import { scanBudgetStats } from "../sources/aws/scan-budget";
import { localStore } from "../sources";
import { metrics } from "./metrics";

interface ScrapeTimeFigures {
  storeBytes: Gauge;
  failedLogins: Counter;
  refusedLogins: Counter;
  lockedAddresses: Gauge;
  scannedToday: Gauge;
  refusedSearches: Counter<"reason">;
}

const KEY = Symbol.for("sightline.metrics.scrapeTime");
type WithFigures = typeof globalThis & { [KEY]?: ScrapeTimeFigures };

function figures(): ScrapeTimeFigures {
  const g = globalThis as WithFigures;
  if (g[KEY]) return g[KEY];
  const registers = [metrics().registry];
  g[KEY] = {
    storeBytes: new Gauge({ name: "sightline_store_size_bytes", help: "Bytes the embedded store's database uses (free pages excluded).", registers }),
    failedLogins: new Counter({
      name: "sightline_login_failures_total",
      help: "Failed logins (wrong user name or password) under AUTH_MODE=basic.",
      registers,
    }),
    refusedLogins: new Counter({
      name: "sightline_login_refused_total",
      help: "Requests refused (429) from addresses with too many failed logins.",
      registers,
    }),
    lockedAddresses: new Gauge({ name: "sightline_login_locked_addresses", help: "Addresses locked out for too many failed logins right now.", registers }),
    scannedToday: new Gauge({
      name: "sightline_logs_insights_bytes_scanned_today",
      help: "Bytes scanned by Logs Insights today (UTC), against the daily scan budget.",
      registers,
    }),
    refusedSearches: new Counter({
      name: "sightline_logs_searches_refused_total",
      help: "Log searches refused before they started, by reason: the daily scan budget, or one user's rate.",
      labelNames: ["reason"] as const,
      registers,
    }),
  };
  return g[KEY];
}

/** A counter that another module keeps, set to that module's figure. */
function setCounter(counter: Counter, value: number): void {
  counter.reset();
  counter.inc(value);
}

export async function renderMetrics(now = Date.now()): Promise<{ contentType: string; body: string }> {
  const f = figures();
  if (config().dataSource === "local") f.storeBytes.set(localStore().usedBytes());
  const logins = loginLimiterStats(now);
  setCounter(f.failedLogins, logins.failedLogins);
  setCounter(f.refusedLogins, logins.refused);
  f.lockedAddresses.set(logins.lockedAddresses);
  const scans = scanBudgetStats(now);
  f.scannedToday.set(scans.bytesScannedToday);
  f.refusedSearches.reset();
  f.refusedSearches.inc({ reason: "budget" }, scans.refusedBudget);
  f.refusedSearches.inc({ reason: "rate" }, scans.refusedRate);
  const registry = metrics().registry;
  return { contentType: registry.contentType, body: await registry.metrics() };
}
