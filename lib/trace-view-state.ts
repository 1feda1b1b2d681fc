/**
 * The trace page's view, carried in its URL so a reload or a pasted link shows exactly the same
 * thing: selected span, service filter, log filter, span search, zoom, critical path, time zone.
 */
import type { ZoomRange } from "./analysis/time-axis";
import type { UrlCodec } from "./url-codec";

export type TimeZoneMode = "utc" | "local";

export interface TraceViewState {
  /** Selected span (16 hex). */
  spanId: string | null;
  /** Service filter: a service of the trace, or an inferred callee (database, queue, host). */
  service: string | null;
  /** Text filter of the log timeline. */
  logQuery: string;
  /** Span search of the Gantt chart. */
  spanQuery: string;
  /** Zoom, in milliseconds relative to the trace start; null = the whole trace. */
  zoom: ZoomRange | null;
  criticalPath: boolean;
  timeZone: TimeZoneMode;
}

export const DEFAULT_VIEW: TraceViewState = {
  spanId: null,
  service: null,
  logQuery: "",
  spanQuery: "",
  zoom: null,
  criticalPath: true,
  timeZone: "utc",
};

const SPAN_ID = /^[0-9a-f]{16}$/;
const MAX_TEXT = 200;

function parseZoom(from: string | null, to: string | null): ZoomRange | null {
  if (from === null || to === null) return null;
  const f = Number(from);
  const t = Number(to);
  if (!Number.isFinite(f) || !Number.isFinite(t) || t <= f) return null;
  return { from: f, to: t };
}

/** Reads the view from query parameters; anything malformed falls back to the default. */
export function parseViewState(params: URLSearchParams): TraceViewState {
  const span = params.get("span")?.toLowerCase() ?? null;
  return {
    spanId: span && SPAN_ID.test(span) ? span : null,
    service: params.get("service")?.slice(0, MAX_TEXT) || null,
    logQuery: params.get("q")?.slice(0, MAX_TEXT) ?? "",
    spanQuery: params.get("find")?.slice(0, MAX_TEXT) ?? "",
    zoom: parseZoom(params.get("from"), params.get("to")),
    criticalPath: params.get("cp") !== "0",
    timeZone: params.get("tz") === "local" ? "local" : "utc",
  };
}

const round = (n: number) => String(Math.round(n * 1000) / 1000);

/** Writes only what differs from the default, in a stable order, for short shareable links. */
export function serializeViewState(state: TraceViewState): URLSearchParams {
  const p = new URLSearchParams();
  if (state.spanId) p.set("span", state.spanId);
  if (state.service) p.set("service", state.service);
  if (state.logQuery) p.set("q", state.logQuery);
  if (state.spanQuery) p.set("find", state.spanQuery);
  if (state.zoom) {
    p.set("from", round(state.zoom.from));
    p.set("to", round(state.zoom.to));
  }
  if (!state.criticalPath) p.set("cp", "0");
  if (state.timeZone === "local") p.set("tz", "local");
  return p;
}

/** The trace page's URL state: its own parameters; others (the incident window wfrom, wto) are left in the link. */
export const traceViewUrl: UrlCodec<TraceViewState> = {
  parse: parseViewState,
  serialize: serializeViewState,
  keys: ["span", "service", "q", "find", "from", "to", "cp", "tz"],
};
