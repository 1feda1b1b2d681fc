import { formatDuration } from "@/lib/format";
import type { ServiceStats } from "@/lib/model";

/** Requests, errors by kind and latency of a node or an edge. */
export function StatsTable({ stats }: { stats: ServiceStats }) {
  const rows: [string, string, string][] = [
    ["Requests", String(stats.requests), ""],
    ["Faults (5xx)", String(stats.faults), "text-red-700 dark:text-red-400"],
    ["Errors (4xx)", String(stats.errors), "text-amber-700 dark:text-amber-400"],
    ["Throttles (429)", String(stats.throttles), "text-purple-700 dark:text-purple-400"],
    ["Average", formatDuration(stats.avgMs), ""],
    ["p99", formatDuration(stats.p99Ms), ""],
  ];
  return (
    <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm" data-testid="stats-table">
      {rows.map(([name, value, tone]) => (
        <div key={name} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{name}</dt>
          <dd className={`text-right tabular-nums ${tone}`}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
