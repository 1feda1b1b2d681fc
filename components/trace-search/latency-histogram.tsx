"use client";

import { useMemo, useState } from "react";
import { Bar, BarChart, CartesianGrid, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { MouseHandlerDataParam } from "recharts";
import { bucketRange, durationHistogram, formatEdge } from "@/lib/analysis/duration-histogram";
import type { TraceSummary } from "@/lib/model";

interface Props {
  traces: TraceSummary[];
  /** A drag across buckets ended: the duration range they cover. */
  onSelect(minMs: number, maxMs: number): void;
}

interface Drag {
  anchor: number;
  current: number;
}

const indexOf = (state: MouseHandlerDataParam): number | null => {
  const index = Number(state.activeTooltipIndex);
  return state.activeTooltipIndex !== undefined && Number.isInteger(index) ? index : null;
};

/**
 * The results' durations on nice logarithmic buckets, failed traces stacked in red. Pressing on a
 * bar and dragging to another selects the buckets between them; releasing filters by their range.
 */
export function LatencyHistogram({ traces, onSelect }: Props) {
  const buckets = useMemo(() => durationHistogram(traces), [traces]);
  const data = useMemo(
    () => buckets.map((b) => ({ label: formatEdge(b.fromMs), ok: b.count - b.failed, failed: b.failed, fromMs: b.fromMs, toMs: b.toMs })),
    [buckets],
  );
  const [drag, setDrag] = useState<Drag | null>(null);

  const finish = () => {
    if (!drag) return;
    const range = bucketRange(buckets, drag.anchor, drag.current);
    setDrag(null);
    if (range) onSelect(range.minMs, range.maxMs);
  };

  const lo = drag ? data[Math.min(drag.anchor, drag.current)] : undefined;
  const hi = drag ? data[Math.max(drag.anchor, drag.current)] : undefined;

  return (
    <div data-testid="latency-histogram" className="h-44 select-none text-slate-500 dark:text-slate-400" style={{ cursor: "col-resize" }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart
          data={data}
          margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
          barCategoryGap={1}
          onMouseDown={(state) => {
            const i = indexOf(state);
            if (i !== null) setDrag({ anchor: i, current: i });
          }}
          onMouseMove={(state) => {
            const i = indexOf(state);
            if (drag && i !== null && i !== drag.current) setDrag({ ...drag, current: i });
          }}
          onMouseUp={finish}
          onMouseLeave={finish}
        >
          <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
          <XAxis
            dataKey="label"
            interval={data.length <= 12 ? 0 : "preserveStartEnd"}
            tick={{ fill: "currentColor", fontSize: 11 }}
            stroke="currentColor"
            strokeOpacity={0.4}
          />
          <YAxis allowDecimals={false} width={40} tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} />
          <Tooltip
            cursor={{ fill: "currentColor", fillOpacity: 0.08 }}
            isAnimationActive={false}
            // Dark on both themes: readable over the light and the dark page alike.
            contentStyle={{ backgroundColor: "rgb(15 23 42 / 0.94)", color: "white", border: "none", borderRadius: 4, fontSize: 12 }}
            labelStyle={{ color: "white" }}
            labelFormatter={(_label, payload) => {
              const row = payload[0]?.payload as { fromMs: number; toMs: number } | undefined;
              return row ? `${formatEdge(row.fromMs)} – ${formatEdge(row.toMs)}` : "";
            }}
          />
          <Bar dataKey="ok" name="ok" stackId="d" fill="#3b82f6" isAnimationActive={false} />
          <Bar dataKey="failed" name="error / fault / throttle" stackId="d" fill="#ef4444" isAnimationActive={false} />
          {lo && hi && <ReferenceArea x1={lo.label} x2={hi.label} fill="#3b82f6" fillOpacity={0.15} stroke="#3b82f6" strokeOpacity={0.6} />}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
