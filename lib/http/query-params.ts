/**
 * Parsing of the public API's query parameters. Every rejection is an ApiError(400) whose message
 * names the parameter and what was wrong with it.
 */
import { SPAN_STATUSES, type SpanStatus } from "../model";
import type { AttributeFilter, TimeWindow } from "../model";
import { isRepresentableEpochMs, MAX_EPOCH_MS } from "../epoch";
import { ApiError } from "./api-error";

const bad = (param: string, message: string) => new ApiError(400, `invalid_${param}`, `${param}: ${message}`);

/** Epoch milliseconds, or an ISO-8601 date-time. */
export function parseTime(param: string, raw: string): number {
  const value = raw.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) {
    const n = Number(value);
    if (n < 0) throw bad(param, `must not be negative, got ${value}`);
    if (!isRepresentableEpochMs(n)) throw bad(param, `is past the last time a date can hold (${MAX_EPOCH_MS} ms), got ${value.slice(0, 40)}`);
    return n;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    const t = Date.parse(value);
    if (Number.isFinite(t)) return t;
  }
  throw bad(param, `expected epoch milliseconds or an ISO-8601 time, got "${value.slice(0, 40)}"`);
}

export interface WindowOptions {
  now: number;
  maxWindowMs: number;
  /** Used when neither bound is given. */
  defaultSpanMs: number;
}

export function parseWindow(params: URLSearchParams, opts: WindowOptions): TimeWindow {
  const rawFrom = params.get("from");
  const rawTo = params.get("to");
  if (rawFrom === null && rawTo === null) return { from: opts.now - opts.defaultSpanMs, to: opts.now };
  if (rawFrom === null) throw bad("from", "the window is unbounded: give from together with to");
  const from = parseTime("from", rawFrom);
  const to = rawTo === null ? opts.now : parseTime("to", rawTo);
  if (to <= from) throw bad("to", `the window is inverted or empty: to (${to}) must be after from (${from})`);
  if (to - from > opts.maxWindowMs) {
    const hours = Math.round(opts.maxWindowMs / 3_600_000);
    throw bad("to", `the window is ${Math.round((to - from) / 3_600_000)} h long; at most ${hours} h is allowed`);
  }
  return { from, to };
}

export function parseLimit(params: URLSearchParams, def: number, max: number): number {
  const raw = params.get("limit");
  if (raw === null) return def;
  if (!/^-?\d+$/.test(raw.trim())) throw bad("limit", `must be a whole number, got "${raw.slice(0, 40)}"`);
  const n = Number(raw);
  if (n < 1) throw bad("limit", `must be at least 1, got ${n}`);
  if (n > max) throw bad("limit", `must be at most ${max}, got ${n}`);
  return n;
}

export function parseNonNegative(params: URLSearchParams, param: string): number | undefined {
  const raw = params.get(param);
  if (raw === null || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n)) throw bad(param, `must be a number of milliseconds, got "${raw.slice(0, 40)}"`);
  if (n < 0) throw bad(param, `must not be negative, got ${n}`);
  return n;
}

export function parseStatus(params: URLSearchParams): SpanStatus | undefined {
  const raw = params.get("status");
  if (raw === null || raw === "") return undefined;
  if ((SPAN_STATUSES as readonly string[]).includes(raw)) return raw as SpanStatus;
  throw bad("status", `must be one of ${SPAN_STATUSES.join(", ")}, got "${raw.slice(0, 40)}"`);
}

const SERVICE_NAME = /^[\p{L}\p{N}._:@/ -]{1,200}$/u;

export function parseService(params: URLSearchParams): string | undefined {
  const raw = params.get("service");
  if (raw === null || raw === "") return undefined;
  if (!SERVICE_NAME.test(raw)) {
    throw bad("service", "must be 1–200 letters, digits, spaces or . _ : @ / -");
  }
  return raw;
}

export interface DurationRange {
  minDurationMs?: number;
  maxDurationMs?: number;
}

/** minDurationMs and maxDurationMs, each non-negative, with min ≤ max. */
export function parseDurationRange(params: URLSearchParams): DurationRange {
  const minDurationMs = parseNonNegative(params, "minDurationMs");
  const maxDurationMs = parseNonNegative(params, "maxDurationMs");
  if (minDurationMs !== undefined && maxDurationMs !== undefined && maxDurationMs < minDurationMs) {
    throw bad("maxDurationMs", `must not be less than minDurationMs (${minDurationMs}), got ${maxDurationMs}`);
  }
  return { minDurationMs, maxDurationMs };
}

const MAX_TEXT_PARAM = 200;
// Control characters (C0, DEL, C1): never part of a name or value anyone types.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A case-insensitive substring of the root operation name, at most 200 characters. */
export function parseOperation(params: URLSearchParams): string | undefined {
  const raw = params.get("operation");
  if (raw === null || raw.trim() === "") return undefined;
  if (raw.length > MAX_TEXT_PARAM) throw bad("operation", `must be at most ${MAX_TEXT_PARAM} characters, got ${raw.length}`);
  if (CONTROL.test(raw)) throw bad("operation", "must not contain control characters");
  return raw.trim();
}

const ATTRIBUTE_KEY = /^[A-Za-z0-9._-]{1,100}$/;
const MAX_ATTRIBUTE_FILTERS = 10;

/** Every `attr=key=value` (split at the first `=`): key `[A-Za-z0-9._-]{1,100}`, value at most 200 characters. */
export function parseAttributeFilters(params: URLSearchParams): AttributeFilter[] {
  const all = params.getAll("attr").filter((raw) => raw !== "");
  if (all.length > MAX_ATTRIBUTE_FILTERS) throw bad("attr", `at most ${MAX_ATTRIBUTE_FILTERS} filters, got ${all.length}`);
  return all.map((raw) => {
    const eq = raw.indexOf("=");
    if (eq < 0) throw bad("attr", `expected key=value, got "${raw.slice(0, 40)}"`);
    const key = raw.slice(0, eq);
    const value = raw.slice(eq + 1);
    if (!ATTRIBUTE_KEY.test(key)) {
      throw bad("attr", `the key must be 1–100 letters, digits or . _ -, got "${key.slice(0, 40)}"`);
    }
    if (value.length > MAX_TEXT_PARAM) throw bad("attr", `the value of ${key} must be at most ${MAX_TEXT_PARAM} characters`);
    if (CONTROL.test(value)) throw bad("attr", `the value of ${key} must not contain control characters`);
    return { key, value };
  });
}
