/**
 * The trace page's pivots: "traces with this" links to /traces with one filter set and a window
 * around the trace — the incident's window when the trace page's URL carries one (`wfrom`, `wto`:
 * epoch ms), else an hour either side of the trace.
 */
import type { AttributeValue } from "./model";

export type Pivot =
  | { kind: "attribute"; key: string; value: string }
  | { kind: "span"; service: string; name: string }
  | { kind: "exception"; type: string }
  | { kind: "log"; message: string };

export interface PivotWindow {
  from: number;
  to: number;
}

const HOUR_MS = 3_600_000;
/** The API's attr key rule (lib/http/query-params.ts ATTRIBUTE_KEY). */
const ATTRIBUTE_KEY = /^[A-Za-z0-9._-]{1,100}$/;

export function pivotWindow(trace: { startTime: number; endTime: number }, search: URLSearchParams | null): PivotWindow {
  const from = Number(search?.get("wfrom") ?? Number.NaN);
  const to = Number(search?.get("wto") ?? Number.NaN);
  if (Number.isFinite(from) && Number.isFinite(to) && to > from) return { from, to };
  return { from: Math.floor(trace.startTime - HOUR_MS), to: Math.ceil(trace.endTime + HOUR_MS) };
}

/** An attribute value as the attr filter compares it; null when it cannot be a filter (objects, arrays, null, too long). */
export function attributeFilterValue(key: string, value: AttributeValue | undefined): string | null {
  if (!ATTRIBUTE_KEY.test(key)) return null;
  if (typeof value === "string") return value.length <= 200 && !/[\u0000-\u001f\u007f-\u009f]/.test(value) ? value : null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return String(value);
  return null;
}

export function pivotHref(pivot: Pivot, window: PivotWindow): string {
  const p = new URLSearchParams({ from: String(window.from), to: String(window.to) });
  switch (pivot.kind) {
    case "attribute":
      p.append("attr", `${pivot.key}=${pivot.value}`);
      break;
    case "span":
      p.set("service", pivot.service);
      p.set("spanName", pivot.name);
      break;
    case "exception":
      p.set("exception", pivot.type);
      break;
    case "log":
      p.set("logPattern", pivot.message);
      break;
  }
  return `/traces?${p.toString()}`;
}
