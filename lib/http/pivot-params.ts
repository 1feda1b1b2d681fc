/**
 * The pivot filters of `GET /api/traces` (from the trace page's "traces with this" links):
 * `spanName` (some span has exactly this operation name), `exception` (some span recorded an
 * exception of exactly this type) and `logPattern` (some log line of the trace has this pattern,
 * lib/analysis/log-pattern.ts; a raw message is turned into its pattern). Each rejection is a
 * 400 naming the parameter.
 */
import { logPattern } from "../analysis/log-pattern";
import type { PivotFilters } from "../sources/source";
import { ApiError } from "./api-error";

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const LIMITS = { spanName: 500, exception: 300, logPattern: 2000 } as const;

function text(params: URLSearchParams, param: keyof typeof LIMITS): string | undefined {
  const all = params.getAll(param);
  if (all.length === 0) return undefined;
  const bad = (message: string) => new ApiError(400, `invalid_${param}`, `${param}: ${message}`);
  if (all.length > 1) throw bad(`give it once, got ${all.length} values`);
  const raw = all[0];
  if (raw.trim() === "") throw bad("must not be empty");
  if (raw.length > LIMITS[param]) throw bad(`at most ${LIMITS[param]} characters, got ${raw.length}`);
  if (param !== "logPattern" && CONTROL.test(raw)) throw bad("must not contain control characters");
  return raw;
}

export function parsePivotFilters(params: URLSearchParams): PivotFilters {
  const out: PivotFilters = {};
  const spanName = text(params, "spanName");
  if (spanName !== undefined) out.spanName = spanName;
  const exceptionType = text(params, "exception");
  if (exceptionType !== undefined) out.exceptionType = exceptionType;
  const raw = text(params, "logPattern");
  if (raw !== undefined) {
    const pattern = logPattern(raw);
    if (pattern === "") throw new ApiError(400, "invalid_logPattern", "logPattern: nothing is left once whitespace is removed");
    out.logPattern = pattern;
  }
  return out;
}
