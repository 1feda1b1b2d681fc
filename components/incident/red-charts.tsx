"use client";

import { type ReactNode, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { partialStep, redRows, type RedRow } from "@/lib/analysis/red-series";
import type { VersionChange } from "@/lib/analysis/version-changes";
import type { ServiceStatsPoint } from "@/lib/analysis/service-stats";
import { formatDuration, formatUtcTime } from "@/lib/format";
import type { TimeWindow } from "@/lib/model";

interface RedChartsProps {
  series: readonly ServiceStatsPoint[];
  stepMs: number;
  window: TimeWindow;
  /** The alert time, marked on every chart. */
  at: number;
  /** When the page was drawn: a step that ends after it is partial. */
  now: number;
  /** Deploys seen in the telemetry, marked on every chart. */
  changes?: readonly VersionChange[];
  /** The time range selected by dragging across a chart, shaded on all of them. */
  selection?: TimeWindow | null;
  onSelect?(range: TimeWindow | null): void;
}

/** Reads the time under the pointer from a recharts mouse event. */
const timeOf = (e: { activeLabel?: string | number } | null | undefined): number | null => {
  const t = Number(e?.activeLabel);
  return Number.isFinite(t) ? t : null;
};

interface LineSpec {
  key: keyof Omit<RedRow, "t">;
  name: string;
  color: string;
}

// Status colours as elsewhere: 4xx yellow, 5xx red, 429 purple.
const CHARTS: { title: string; lines: LineSpec[]; format(v: number): string }[] = [
  { title: "Requests / min", lines: [{ key: "rate", name: "requests / min", color: "#2563eb" }], format: (v) => formatRate(v) },
  {
    title: "Error · fault · throttle rate (% of requests)",
    lines: [
      { key: "faultPct", name: "5xx fault %", color: "#dc2626" },
      { key: "errorPct", name: "4xx error %", color: "#ca8a04" },
      { key: "throttlePct", name: "429 throttle %", color: "#9333ea" },
    ],
    format: (v) => `${v.toFixed(v < 10 ? 1 : 0)} %`,
  },
  {
    title: "Latency p50 · p99",
    lines: [
      { key: "p99Ms", name: "p99", color: "#db2777" },
      { key: "p50Ms", name: "p50", color: "#0d9488" },
    ],
    format: (v) => (v === 0 ? "0" : formatDuration(v)),
  },
];

function formatRate(v: number): string {
  return v >= 100 ? String(Math.round(v)) : String(Number(v.toPrecision(2)));
}

const AXIS_TICK = { fontSize: 11, fill: "#64748b" };

/** Request rate, error rates and latency of one service, with the alert time marked. */
export function RedCharts({ series, stepMs, window, at, now, changes = [], selection = null, onSelect }: RedChartsProps) {
  const rows = redRows(series, stepMs, now);
  const partial = partialStep(series, stepMs, now);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const finishDrag = () => {
    if (drag && onSelect) {
      const from = Math.min(drag.from, drag.to);
      const to = Math.max(drag.from, drag.to) + stepMs;
      if (Math.max(drag.from, drag.to) > Math.min(drag.from, drag.to)) onSelect({ from: Math.max(from, window.from), to: Math.min(to, window.to) });
    }
    setDrag(null);
  };
  const shaded = drag ? { from: Math.min(drag.from, drag.to), to: Math.max(drag.from, drag.to) } : selection;
  return (
    <div data-testid="red-charts" className="grid grid-cols-1 gap-3 lg:grid-cols-3" title="Drag across a chart to look at part of the window">
      {CHARTS.map((chart) => (
        <ChartCard key={chart.title} title={chart.title}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart
              data={rows}
              margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
              onMouseDown={(e) => {
                const t = timeOf(e);
                if (t !== null && onSelect) setDrag({ from: t, to: t });
              }}
              onMouseMove={(e) => {
                const t = timeOf(e);
                if (drag && t !== null) setDrag({ ...drag, to: t });
              }}
              onMouseUp={finishDrag}
              onMouseLeave={() => drag && finishDrag()}
            >
              <CartesianGrid stroke="#64748b" strokeOpacity={0.2} vertical={false} />
              <XAxis
                dataKey="t"
                type="number"
                scale="time"
                domain={[window.from, window.to]}
                tickFormatter={(t: number) => formatUtcTime(t).slice(0, 5)}
                tick={AXIS_TICK}
                stroke="#94a3b8"
                minTickGap={24}
              />
              <YAxis tick={AXIS_TICK} stroke="#94a3b8" width={52} tickFormatter={chart.format} allowDecimals />
              <Tooltip
                contentStyle={{ background: "rgb(15 23 42 / 0.92)", border: "none", borderRadius: 6, color: "#f1f5f9", fontSize: 12 }}
                labelStyle={{ color: "#cbd5e1" }}
                labelFormatter={(t) => `${formatUtcTime(Number(t))} UTC`}
                formatter={(v) => (typeof v === "number" ? chart.format(v) : "—")}
              />
              {shaded && <ReferenceArea x1={shaded.from} x2={shaded.to} fill="#3b82f6" fillOpacity={0.12} ifOverflow="hidden" />}
              {partial !== null && (
                <ReferenceArea
                  x1={partial}
                  x2={window.to}
                  fill="#94a3b8"
                  fillOpacity={0.15}
                  ifOverflow="hidden"
                  label={{ value: "partial", position: "insideTop", fill: "#64748b", fontSize: 10 }}
                />
              )}
              {changes.map((c) => (
                <ReferenceLine
                  key={`${c.service}/${c.version}`}
                  x={c.at}
                  stroke="#0891b2"
                  strokeDasharray="2 2"
                  label={{ value: `${c.service} ${c.version}`, position: "insideBottomLeft", fill: "#0891b2", fontSize: 10 }}
                />
              ))}
              <Legend iconType="plainline" iconSize={12} wrapperStyle={{ fontSize: 11 }} height={18} verticalAlign="top" align="right" />
              <ReferenceLine
                x={at}
                stroke="#ef4444"
                strokeDasharray="4 3"
                strokeWidth={1.5}
                label={{ value: "alert", position: "insideTopRight", fill: "#ef4444", fontSize: 11 }}
              />
              {chart.lines.map((line) => (
                <Line
                  key={line.key}
                  dataKey={line.key}
                  name={line.name}
                  stroke={line.color}
                  strokeWidth={1.75}
                  dot={false}
                  isAnimationActive={false}
                  connectNulls={false}
                  type="linear"
                />
              ))}
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
      ))}
    </div>
  );
}

function ChartCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <figure className="min-w-0 select-none rounded-md border border-slate-200 p-2 dark:border-slate-800">
      <figcaption className="px-1 text-xs font-medium text-slate-600 dark:text-slate-300">{title}</figcaption>
      <div className="h-40">{children}</div>
    </figure>
  );
}
