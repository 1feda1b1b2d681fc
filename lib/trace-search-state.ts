/**
 * The trace search page's state, carried in its URL so that a link or a reload shows the same
 * search. The API's own parameters (from, to, service, operation, minDurationMs, maxDurationMs,
 * status, attr, filter) are kept as typed and passed through unchanged: the API validates them,
 * and its 400 message, naming the parameter, is what the page shows. The page's own parameters
 * (last, sort) are checked here.
 */
import { statusRank, type TraceSummary } from "./model";
import type { UrlCodec } from "./url-codec";

export const RELATIVE_RANGES = { "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 24 * 3_600_000 } as const;
export type RelativeRange = keyof typeof RELATIVE_RANGES;

const SORT_KEYS = ["start", "service", "duration", "status", "spans"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface Sort {
  key: SortKey;
  descending: boolean;
}

export interface TraceSearchState {
  /** The relative window, used when no absolute bound is given. */
  last: RelativeRange;
  /** Absolute bounds as typed (epoch ms or ISO-8601); null when absent. */
  from: string | null;
  to: string | null;
  service: string;
  operation: string;
  minDurationMs: string;
  maxDurationMs: string;
  /** "" = any status. */
  status: string;
  /** `key=value` each. */
  attrs: string[];
  /** A raw X-Ray filter expression (aws source). */
  filter: string;
  /** The trace page's pivots ("traces with this"): a span name, an exception type, a log line pattern; "" = none. */
  spanName: string;
  exception: string;
  logPattern: string;
  sort: Sort;
}

export const DEFAULT_SORT: Sort = { key: "start", descending: true };

export const DEFAULT_SEARCH: TraceSearchState = {
  last: "1h",
  from: null,
  to: null,
  service: "",
  operation: "",
  minDurationMs: "",
  maxDurationMs: "",
  status: "",
  attrs: [],
  filter: "",
  spanName: "",
  exception: "",
  logPattern: "",
  sort: DEFAULT_SORT,
};

export interface ParsedSearch {
  state: TraceSearchState;
  /** What was wrong with the page's own parameters, in words for the user; null when nothing. */
  problem: string | null;
}

const isRelative = (v: string): v is RelativeRange => Object.hasOwn(RELATIVE_RANGES, v);
const isSortKey = (v: string): v is SortKey => (SORT_KEYS as readonly string[]).includes(v);

export function parseSearchState(params: URLSearchParams): ParsedSearch {
  const problems: string[] = [];
  const rawLast = params.get("last");
  let last = DEFAULT_SEARCH.last;
  if (rawLast !== null && rawLast !== "") {
    if (isRelative(rawLast)) last = rawLast;
    else problems.push(`last: must be one of ${Object.keys(RELATIVE_RANGES).join(", ")}, got "${rawLast.slice(0, 40)}"`);
  }
  const rawSort = params.get("sort");
  let sort = DEFAULT_SORT;
  if (rawSort !== null && rawSort !== "") {
    const key = rawSort.replace(/^-/, "");
    if (isSortKey(key)) sort = { key, descending: rawSort.startsWith("-") };
    else problems.push(`sort: must be one of ${SORT_KEYS.join(", ")} (a leading - sorts descending), got "${rawSort.slice(0, 40)}"`);
  }
  return {
    state: {
      last,
      from: params.get("from"),
      to: params.get("to"),
      service: params.get("service") ?? "",
      operation: params.get("operation") ?? "",
      minDurationMs: params.get("minDurationMs") ?? "",
      maxDurationMs: params.get("maxDurationMs") ?? "",
      status: params.get("status") ?? "",
      attrs: params.getAll("attr").filter((a) => a !== ""),
      filter: params.get("filter") ?? "",
      spanName: params.get("spanName") ?? "",
      exception: params.get("exception") ?? "",
      logPattern: params.get("logPattern") ?? "",
      sort,
    },
    problem: problems.length ? problems.join("; ") : null,
  };
}

/** The API's parameters of the search, in a stable order. Without absolute bounds, the window ends at `now`. */
function apiParams(state: TraceSearchState, now: number | null): URLSearchParams {
  const p = new URLSearchParams();
  if (state.from !== null || state.to !== null) {
    if (state.from !== null) p.set("from", state.from);
    if (state.to !== null) p.set("to", state.to);
  } else if (now !== null) {
    p.set("from", String(now - RELATIVE_RANGES[state.last]));
    p.set("to", String(now));
  }
  if (state.service) p.set("service", state.service);
  if (state.operation) p.set("operation", state.operation);
  if (state.minDurationMs) p.set("minDurationMs", state.minDurationMs);
  if (state.maxDurationMs) p.set("maxDurationMs", state.maxDurationMs);
  if (state.status) p.set("status", state.status);
  for (const a of state.attrs) p.append("attr", a);
  if (state.filter) p.set("filter", state.filter);
  if (state.spanName) p.set("spanName", state.spanName);
  if (state.exception) p.set("exception", state.exception);
  if (state.logPattern) p.set("logPattern", state.logPattern);
  return p;
}

/** The page's URL parameters: only what differs from the default, in a stable order. */
export function serializeSearchState(state: TraceSearchState): URLSearchParams {
  const p = apiParams(state, null);
  if (state.from === null && state.to === null && state.last !== DEFAULT_SEARCH.last) p.set("last", state.last);
  if (state.sort.key !== DEFAULT_SORT.key || state.sort.descending !== DEFAULT_SORT.descending) {
    p.set("sort", `${state.sort.descending ? "-" : ""}${state.sort.key}`);
  }
  return p;
}

/** /traces' URL state: the whole query string is the search's. */
export const traceSearchUrl: UrlCodec<ParsedSearch> = { parse: parseSearchState, serialize: (parsed) => serializeSearchState(parsed.state) };

/** The `/api/traces` query string of the search: relative windows resolved against `now`. */
export function searchApiQuery(state: TraceSearchState, now: number, limit: number): string {
  const p = apiParams(state, now);
  p.set("limit", String(limit));
  return p.toString();
}

/** The search's window in epoch ms, or null when its bounds are not plain times (the API will say why). */
export function searchWindow(state: TraceSearchState, now: number): { from: number; to: number } | null {
  if (state.from === null && state.to === null) return { from: now - RELATIVE_RANGES[state.last], to: now };
  const from = state.from === null ? Number.NaN : parseTimeText(state.from);
  const to = state.to === null ? now : parseTimeText(state.to);
  return Number.isFinite(from) && Number.isFinite(to) && to > from ? { from, to } : null;
}

/** Epoch milliseconds or an ISO-8601 time, as the API reads them; NaN otherwise. */
function parseTimeText(text: string): number {
  const v = text.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  return /^\d{4}-\d{2}-\d{2}T/.test(v) ? Date.parse(v) : Number.NaN;
}

/** A `datetime-local` input's value (`2026-11-21T02:47`), read as UTC, to ISO-8601; "" stays "". */
export function utcInputToIso(value: string): string {
  if (!value) return "";
  const t = Date.parse(`${value}Z`);
  return Number.isFinite(t) ? new Date(t).toISOString() : "";
}

/** An epoch-ms or ISO time to a `datetime-local` value in UTC (minutes); "" when unreadable. */
export function isoToUtcInput(text: string | null): string {
  if (text === null) return "";
  const t = parseTimeText(text);
  return Number.isFinite(t) ? new Date(t).toISOString().slice(0, 16) : "";
}

function compare(a: TraceSummary, b: TraceSummary, key: SortKey): number {
  switch (key) {
    case "start":
      return a.startTime - b.startTime;
    case "service":
      return `${a.rootService} ${a.rootName}`.localeCompare(`${b.rootService} ${b.rootName}`);
    case "duration":
      return a.durationMs - b.durationMs;
    case "status":
      return statusRank(a.status) - statusRank(b.status);
    case "spans":
      return a.spanCount - b.spanCount;
  }
}

/** A sorted copy; ties keep the newest first, so the order is stable whatever the input order. */
export function sortTraces(traces: readonly TraceSummary[], sort: Sort): TraceSummary[] {
  const sign = sort.descending ? -1 : 1;
  return [...traces].sort((a, b) => sign * compare(a, b, sort.key) || b.startTime - a.startTime || a.traceId.localeCompare(b.traceId));
}

/** Clicking a column: a new column sorts by it (durations and times largest first), the same one flips. */
export function nextSort(current: Sort, key: SortKey): Sort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== "service" };
}

/** The active filters, in words, for "no traces match". */
export function describeFilters(state: TraceSearchState): string[] {
  const out: string[] = [];
  if (state.from !== null || state.to !== null) out.push(`from ${state.from ?? "…"} to ${state.to ?? "now"}`);
  else out.push(`last ${state.last}`);
  if (state.service) out.push(`service ${state.service}`);
  if (state.operation) out.push(`operation contains “${state.operation}”`);
  if (state.minDurationMs && state.maxDurationMs) out.push(`duration ${state.minDurationMs}–${state.maxDurationMs} ms`);
  else if (state.minDurationMs) out.push(`duration ≥ ${state.minDurationMs} ms`);
  else if (state.maxDurationMs) out.push(`duration ≤ ${state.maxDurationMs} ms`);
  if (state.status) out.push(`status ${state.status}`);
  for (const a of state.attrs) out.push(`attribute ${a}`);
  if (state.filter) out.push(`X-Ray filter ${state.filter}`);
  return out;
}
