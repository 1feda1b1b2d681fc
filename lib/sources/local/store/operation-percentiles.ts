/**
 * p50 and p99 of each asked-for operation (service + span name) over a window, in one SQL
 * statement: the window's spans through spans_by_start, kept when their (service, name) is one of
 * the keys, ranked per operation; nearest rank is ceil(p/100 · n), as lib/analysis/percentile.ts.
 */
import type Database from "better-sqlite3";
import type { OperationKey, OperationPercentiles } from "../../../analysis/operation-percentiles";
import type { TimeWindow } from "../../../model";

const OPERATION_PERCENTILES_SQL = `
  WITH wanted AS (SELECT json_extract(value, '$[0]') AS service, json_extract(value, '$[1]') AS name FROM json_each(@keys)),
  d AS (
    SELECT s.service, s.name, s.end_us - s.start_us AS dur FROM spans s
    WHERE s.start_us >= @fromUs AND s.start_us < @toUs AND (s.service, s.name) IN (SELECT service, name FROM wanted)
  ),
  r AS (
    SELECT service, name, dur,
      ROW_NUMBER() OVER (PARTITION BY service, name ORDER BY dur) AS rn,
      COUNT(*) OVER (PARTITION BY service, name) AS n
    FROM d
  )
  SELECT service, name, n AS count,
    MIN(CASE WHEN rn >= (n * 50 + 99) / 100 THEN dur END) AS p50,
    MIN(CASE WHEN rn >= (n * 99 + 99) / 100 THEN dur END) AS p99
  FROM r GROUP BY service, name`;

export interface PercentileReader {
  operationPercentiles(window: TimeWindow, keys: readonly OperationKey[]): OperationPercentiles[];
}

export function createPercentileReader(db: Database.Database): PercentileReader {
  const statement = db.prepare<{ keys: string; fromUs: number; toUs: number }, { service: string; name: string; count: number; p50: number; p99: number }>(
    OPERATION_PERCENTILES_SQL,
  );
  return {
    operationPercentiles(window, keys) {
      if (keys.length === 0) return [];
      const rows = statement.all({ keys: JSON.stringify(keys.map((k) => [k.service, k.name])), fromUs: window.from * 1000, toUs: window.to * 1000 });
      return rows.map((r) => ({ service: r.service, name: r.name, count: r.count, p50Ms: r.p50 / 1000, p99Ms: r.p99 / 1000 }));
    },
  };
}
