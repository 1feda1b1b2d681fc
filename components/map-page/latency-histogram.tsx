"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { LatencyBucket } from "@/lib/analysis/service-stats";
import { formatDuration } from "@/lib/format";

const AXIS_TICK = { fontSize: 10, fill: "#64748b" };

/** Requests per latency bucket ("≤ 250 ms"). */
export function LatencyHistogram({ buckets }: { buckets: readonly LatencyBucket[] }) {
  if (buckets.length === 0) return <p className="py-4 text-sm text-slate-500">No requests in the window.</p>;
  const rows = buckets.map((b) => ({ label: `≤ ${formatDuration(b.leMs)}`, count: b.count }));
  return (
    <div className="h-44" data-testid="latency-histogram">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#64748b" strokeOpacity={0.2} vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} stroke="#94a3b8" interval="preserveStartEnd" />
          <YAxis tick={AXIS_TICK} stroke="#94a3b8" width={36} allowDecimals={false} />
          <Tooltip
            cursor={{ fill: "#64748b", fillOpacity: 0.12 }}
            contentStyle={{ background: "rgb(15 23 42 / 0.92)", border: "none", borderRadius: 6, color: "#f1f5f9", fontSize: 12 }}
            labelStyle={{ color: "#cbd5e1" }}
            formatter={(v) => [String(v), "requests"]}
          />
          <Bar dataKey="count" fill="#2563eb" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
