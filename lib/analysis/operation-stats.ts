/**
 * The trace's "Statistics" view: per service and operation, how many spans, how much time they
 * took (total = sum of durations, self = sum of self times, see self-time.ts), their share of the
 * trace's self time (the shares add up to 100 %, where durations of nested or parallel spans would
 * not), and how many ended in an error, fault or throttle. Largest self time first.
 */
import type { Span } from "../model";
import { selfTimes } from "./self-time";

export interface OperationStats {
  service: string;
  name: string;
  count: number;
  totalMs: number;
  selfMs: number;
  /** selfMs over the sum of every span's self time, 0…1. */
  share: number;
  /** Spans with a status other than ok. */
  errors: number;
}

export function operationStats(spans: readonly Span[]): OperationStats[] {
  const self = selfTimes(spans);
  const out = new Map<string, OperationStats>();
  let selfSum = 0;
  for (const s of spans) {
    const key = `${s.service}\u0000${s.name}`;
    let row = out.get(key);
    if (!row) {
      row = { service: s.service, name: s.name, count: 0, totalMs: 0, selfMs: 0, share: 0, errors: 0 };
      out.set(key, row);
    }
    const own = self.get(s.spanId) ?? 0;
    row.count++;
    row.totalMs += s.durationMs;
    row.selfMs += own;
    selfSum += own;
    if (s.status !== "ok") row.errors++;
  }
  const rows = [...out.values()];
  for (const r of rows) r.share = selfSum > 0 ? r.selfMs / selfSum : 0;
  return rows.sort((a, b) => b.selfMs - a.selfMs || b.totalMs - a.totalMs || a.service.localeCompare(b.service) || a.name.localeCompare(b.name));
}
