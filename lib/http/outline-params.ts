/**
 * The query parameters of the windowed trace API (GET /api/traces/{id}/rows, …/spans/{spanId},
 * …/find): the view (q, service, collapsed), the window (offset, limit), the search (from,
 * direction, kind). Every rejection is a 400 naming the parameter.
 */
import { MAX_COLLAPSED, type FindKind, type OutlineView } from "../analysis/trace-outline";
import { ApiError } from "./api-error";

const bad = (param: string, message: string) => new ApiError(400, `invalid_${param}`, `${param}: ${message}`);

const SPAN_ID = /^[0-9a-f]{16}$/;
const MAX_TEXT = 200;
const MAX_OFFSET = 100_000_000;

export function parseSpanId(param: string, raw: string): string {
  const id = raw.trim().toLowerCase();
  if (!SPAN_ID.test(id)) throw bad(param, `expected a span ID of 16 hex digits, got "${raw.slice(0, 40)}"`);
  return id;
}

function text(params: URLSearchParams, param: string): string | null {
  const raw = params.get(param);
  if (raw === null || raw.trim() === "") return null;
  if (raw.length > MAX_TEXT) throw bad(param, `at most ${MAX_TEXT} characters, got ${raw.length}`);
  return raw;
}

export function parseOutlineView(params: URLSearchParams): OutlineView {
  const rawCollapsed = params.get("collapsed")?.trim() ?? "";
  const ids = rawCollapsed === "" ? [] : rawCollapsed.split(",");
  if (ids.length > MAX_COLLAPSED) throw bad("collapsed", `at most ${MAX_COLLAPSED} folded spans, got ${ids.length}`);
  return { query: text(params, "q") ?? "", service: text(params, "service"), collapsed: new Set(ids.map((id) => parseSpanId("collapsed", id))) };
}

function wholeNumber(params: URLSearchParams, param: string, def: number, min: number, max: number): number {
  const raw = params.get(param);
  if (raw === null) return def;
  if (!/^\d+$/.test(raw.trim())) throw bad(param, `must be a whole number, got "${raw.slice(0, 40)}"`);
  const n = Number(raw);
  if (n < min || n > max) throw bad(param, `must be between ${min} and ${max}, got ${n}`);
  return n;
}

const MAX_WINDOW_ROWS = 1000;

export function parseRowWindow(params: URLSearchParams): { offset: number; limit: number } {
  return { offset: wholeNumber(params, "offset", 0, 0, MAX_OFFSET), limit: wholeNumber(params, "limit", 200, 1, MAX_WINDOW_ROWS) };
}

export function parseFind(params: URLSearchParams): { from: string | null; direction: 1 | -1; kind: FindKind } {
  const rawFrom = params.get("from");
  const direction = params.get("direction") ?? "next";
  if (direction !== "next" && direction !== "previous") throw bad("direction", `"next" or "previous", got "${direction.slice(0, 40)}"`);
  const kind = params.get("kind") ?? "failure";
  if (kind !== "failure" && kind !== "match") throw bad("kind", `"failure" or "match", got "${kind.slice(0, 40)}"`);
  return { from: rawFrom === null || rawFrom === "" ? null : parseSpanId("from", rawFrom), direction: direction === "next" ? 1 : -1, kind };
}
