"use client";

import type { TreeRow } from "@/lib/analysis/span-tree";
import type { Trace } from "@/lib/model";
import { formatDuration } from "@/lib/format";

const BAR: Record<string, string> = { ok: "bg-sky-500", error: "bg-amber-500", fault: "bg-red-600", throttle: "bg-purple-600" };

interface Props {
  rows: TreeRow[];
  trace: Trace;
  selected: string | null;
  onSelect(spanId: string): void;
}

export function SpanList({ rows, trace, selected, onSelect }: Props) {
  const span = Math.max(trace.durationMs, 0.001);
  return (
    <section data-testid="trace-gantt" className="min-h-0 overflow-auto border-b border-slate-200 dark:border-slate-800">
      {rows.map(({ span: s, depth, orphan }) => {
        const left = ((s.startTime - trace.startTime) / span) * 100;
        const width = Math.max((s.durationMs / span) * 100, 0.2);
        const isSelected = s.spanId === selected;
        return (
          <div
            key={s.spanId}
            data-testid="span-row"
            data-span-id={s.spanId}
            data-selected={isSelected ? "true" : "false"}
            onClick={() => onSelect(s.spanId)}
            className={`grid cursor-pointer grid-cols-[minmax(0,2fr)_minmax(0,3fr)_5rem] items-center gap-2 px-2 py-0.5 text-xs ${
              isSelected ? "bg-blue-50 dark:bg-blue-950" : "hover:bg-slate-50 dark:hover:bg-slate-900"
            }`}
          >
            <span className="truncate" style={{ paddingLeft: depth * 12 }}>
              <span className="font-medium">{s.service}</span> {s.name}
              {orphan && <span className="ml-1 text-amber-700 dark:text-amber-400">(orphan)</span>}
            </span>
            <span className="relative h-3">
              <span className={`absolute h-3 rounded-sm ${BAR[s.status]}`} style={{ left: `${left}%`, width: `${width}%` }} />
            </span>
            <span className="text-right tabular-nums">{formatDuration(s.durationMs)}</span>
          </div>
        );
      })}
    </section>
  );
}
