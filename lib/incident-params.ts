/**
 * The parameters of an incident deep link: `/incident?service=checkout-api&at=2026-11-21T02:47:00Z&window=30m`.
 * Every problem is reported in words naming the parameter and what is accepted.
 */

import { isRepresentableEpochMs } from "./epoch";
import { paramsRecord, type UrlCodec } from "./url-codec";

const DEFAULT_INCIDENT_WINDOW_MS = 30 * 60_000;
const MAX_INCIDENT_WINDOW_MS = 24 * 3_600_000;
const MIN_INCIDENT_WINDOW_MS = 60_000;

export const ACCEPTED_AT = "an ISO-8601 time (2026-11-21T02:47:00Z), epoch seconds (1795315620) or epoch milliseconds (1795315620000)";
export const ACCEPTED_WINDOW = "a duration such as 15m, 30m, 1h or 6h (s, m, h or d), from 1m to 24h; 30m when absent";

export interface IncidentParams {
  service: string;
  /** The alert time, epoch milliseconds. */
  at: number;
  /** False when the link had no `at` and the page shows the window ending now. */
  atGiven: boolean;
  windowMs: number;
  /** The window around the alert: two thirds before it, one third after. */
  from: number;
  to: number;
}

export type IncidentParamsResult = { ok: true; params: IncidentParams } | { ok: false; problems: string[] };

type Raw = Record<string, string | string[] | undefined>;

const single = (raw: Raw, key: string): string | undefined => {
  const v = raw[key];
  return Array.isArray(v) ? v[0] : v;
};

/** Epoch seconds below 1e11 (until the year 5138), milliseconds from there on. */
export function parseAlertTime(value: string): number | null {
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) {
    const n = Number(v);
    const ms = n < 1e11 ? n * 1000 : n;
    return isRepresentableEpochMs(ms) ? ms : null;
  }
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) {
    const t = Date.parse(v);
    return Number.isFinite(t) ? t : null;
  }
  return null;
}

const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `30m` → 1 800 000; null when it is not a number followed by a unit. */
export function parseWindowDuration(value: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smhd])$/.exec(value.trim().toLowerCase());
  return m ? Number(m[1]) * UNIT_MS[m[2]] : null;
}

/**
 * `now` stands in for a missing `at`: static links (a CloudWatch alarm description cannot carry
 * the alarm time) open on the window ending now, and the page says so.
 */
export function parseIncidentParams(raw: Raw, now: number): IncidentParamsResult {
  const problems: string[] = [];
  const service = single(raw, "service")?.trim() ?? "";
  if (service === "") problems.push("service is missing: give the name of the alerting service, e.g. service=checkout-api.");
  else if (!/^[\p{L}\p{N}._:@/ -]{1,200}$/u.test(service))
    problems.push(`service "${service.slice(0, 60)}" is not a service name: 1–200 letters, digits, spaces or . _ : @ / -.`);

  const rawAt = single(raw, "at");
  let at: number | null = null;
  const atGiven = rawAt !== undefined && rawAt.trim() !== "";
  if (!atGiven) at = now;
  else {
    at = parseAlertTime(rawAt!);
    if (at === null) problems.push(`at "${rawAt!.slice(0, 60)}" is not a time: give ${ACCEPTED_AT}.`);
  }

  const rawWindow = single(raw, "window");
  let windowMs = DEFAULT_INCIDENT_WINDOW_MS;
  if (rawWindow !== undefined && rawWindow.trim() !== "") {
    const parsed = parseWindowDuration(rawWindow);
    if (parsed === null) problems.push(`window "${rawWindow.slice(0, 60)}" is not a duration: give ${ACCEPTED_WINDOW}.`);
    else if (parsed > MAX_INCIDENT_WINDOW_MS) problems.push(`window ${rawWindow} is too long: at most 24h.`);
    else if (parsed < MIN_INCIDENT_WINDOW_MS) problems.push(`window ${rawWindow} is too short: at least 1m.`);
    else windowMs = parsed;
  }

  if (problems.length > 0 || at === null) return { ok: false, problems };
  const before = Math.round((windowMs * 2) / 3);
  // Without an alert time the window ends now rather than reaching a third of it into the future.
  const from = atGiven ? at - before : at - windowMs;
  return { ok: true, params: { service, at, atGiven, windowMs, from, to: from + windowMs } };
}

/** The link to a service's incident view (same alert time and window). */
export function incidentHref(service: string, at: number, windowMs: number): string {
  return `/incident?${incidentQuery(service, at, windowMs).toString()}`;
}

function incidentQuery(service: string, at: number | null, windowMs: number): URLSearchParams {
  const q = new URLSearchParams({ service });
  if (at !== null) q.set("at", new Date(at).toISOString());
  q.set("window", formatWindow(windowMs));
  return q;
}

/**
 * /incident's URL state. `now` stands in for a missing `at`, as on the server: the page passes the
 * server's clock down, so the client's first parse is the server's.
 */
export function incidentUrl(now: number): UrlCodec<IncidentParamsResult> {
  return {
    parse: (params) => parseIncidentParams(paramsRecord(params), now),
    serialize: (result) =>
      result.ok ? incidentQuery(result.params.service, result.params.atGiven ? result.params.at : null, result.params.windowMs) : new URLSearchParams(),
  };
}

/** The incident view of another service, at the same alert time (now, when the link had none) and with the same window. */
export function retargetIncident(params: IncidentParams, service: string): IncidentParamsResult {
  return parseIncidentParams(paramsRecord(incidentQuery(service, params.at, params.windowMs)), params.at);
}

/** 1 800 000 → `30m`; the largest unit that divides it. */
export function formatWindow(ms: number): string {
  for (const unit of ["d", "h", "m"] as const) if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  return `${Math.round(ms / 1000)}s`;
}
