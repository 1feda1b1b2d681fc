/**
 * The state of /map in its URL: a relative window (`range=15m|1h|6h|24h`, default 1h) or an
 * absolute one (`from`, `to`: epoch milliseconds or ISO-8601), the selected service (`service`)
 * or the selected edge (`caller`, `callee`).
 */
import { isRepresentableEpochMs } from "./epoch";
import { paramsRecord, type UrlCodec } from "./url-codec";

/** Epoch milliseconds (as the API takes them) or ISO-8601; null otherwise. */
function parseTimeMs(value: string): number | null {
  if (/^\d+(\.\d+)?$/.test(value)) return isRepresentableEpochMs(Number(value)) ? Number(value) : null;
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : null;
}

export const MAP_RANGES = { "15m": 15 * 60_000, "1h": 3_600_000, "6h": 6 * 3_600_000, "24h": 24 * 3_600_000 } as const;
export type MapRange = keyof typeof MAP_RANGES;
const MAX_MAP_WINDOW_MS = MAP_RANGES["24h"];

export type MapWindow = { kind: "relative"; range: MapRange } | { kind: "absolute"; from: number; to: number };

export interface MapState {
  window: MapWindow;
  service: string | null;
  edge: { source: string; target: string } | null;
}

export type MapParamsResult = { ok: true; state: MapState } | { ok: false; problems: string[] };

type Raw = Record<string, string | string[] | undefined>;

const single = (raw: Raw, key: string): string | null => {
  const v = raw[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? null : s.trim();
};

const isRange = (s: string): s is MapRange => Object.hasOwn(MAP_RANGES, s);

function parseMapWindow(raw: Raw, problems: string[]): MapWindow {
  const range = single(raw, "range");
  const rawFrom = single(raw, "from");
  const rawTo = single(raw, "to");
  if (rawFrom === null && rawTo === null) {
    if (range === null) return { kind: "relative", range: "1h" };
    if (isRange(range)) return { kind: "relative", range };
    problems.push(`range "${range.slice(0, 40)}" is not one of ${Object.keys(MAP_RANGES).join(", ")}.`);
    return { kind: "relative", range: "1h" };
  }
  const from = rawFrom === null ? null : parseTimeMs(rawFrom);
  const to = rawTo === null ? null : parseTimeMs(rawTo);
  if (rawFrom === null || rawTo === null) problems.push("from and to go together: give both, or a range (15m, 1h, 6h, 24h).");
  if (rawFrom !== null && from === null) problems.push(`from "${rawFrom.slice(0, 40)}" is not a time: give epoch milliseconds or an ISO-8601 time.`);
  if (rawTo !== null && to === null) problems.push(`to "${rawTo.slice(0, 40)}" is not a time: give epoch milliseconds or an ISO-8601 time.`);
  if (from === null || to === null) return { kind: "relative", range: "1h" };
  if (to <= from) problems.push("to must be after from: the window is inverted or empty.");
  else if (to - from > MAX_MAP_WINDOW_MS) problems.push(`the window is ${Math.round((to - from) / 3_600_000)} h long; at most 24 h.`);
  return { kind: "absolute", from, to };
}

export function parseMapParams(raw: Raw): MapParamsResult {
  const problems: string[] = [];
  const window = parseMapWindow(raw, problems);
  if (problems.length > 0) return { ok: false, problems };
  const caller = single(raw, "caller");
  const callee = single(raw, "callee");
  return {
    ok: true,
    state: { window, service: single(raw, "service"), edge: caller !== null && callee !== null ? { source: caller, target: callee } : null },
  };
}

export function mapWindowBounds(window: MapWindow, now: number): { from: number; to: number } {
  return window.kind === "absolute" ? { from: window.from, to: window.to } : { from: now - MAP_RANGES[window.range], to: now };
}

export function mapHref(state: MapState): string {
  return `/map?${mapQuery(state).toString()}`;
}

function mapQuery(state: MapState): URLSearchParams {
  const q = new URLSearchParams();
  if (state.window.kind === "relative") q.set("range", state.window.range);
  else {
    q.set("from", String(state.window.from));
    q.set("to", String(state.window.to));
  }
  if (state.service !== null) q.set("service", state.service);
  if (state.edge !== null) {
    q.set("caller", state.edge.source);
    q.set("callee", state.edge.target);
  }
  return q;
}

const DEFAULT_MAP: MapState = { window: { kind: "relative", range: "1h" }, service: null, edge: null };

/**
 * /map's URL state. A link that does not parse is the server page's to explain (it never renders
 * the map then); met later in the history, it shows the default map.
 */
export const mapUrl: UrlCodec<MapState> = {
  parse(params) {
    const parsed = parseMapParams(paramsRecord(params));
    return parsed.ok ? parsed.state : DEFAULT_MAP;
  },
  serialize: mapQuery,
};
