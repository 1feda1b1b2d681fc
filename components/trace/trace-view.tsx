"use client";

import { useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { ApiRequestError, fetchJson } from "@/lib/client/fetch-json";
import { formatDuration, formatUtc } from "@/lib/format";
import type { LogsResult, Trace } from "@/lib/model";
import { buildSpanTree } from "@/lib/analysis/span-tree";
import { SpanList } from "./span-list";
import { LogList } from "./log-list";

export function TraceView({ traceId }: { traceId: string }) {
  const [selected, setSelected] = useState<string | null>(null);
  const trace = useQuery({
    queryKey: ["trace", traceId],
    queryFn: () => fetchJson<{ trace: Trace }>(`/api/traces/${traceId}`).then((r) => r.trace),
    retry: (count, err) => !(err instanceof ApiRequestError && err.status < 500) && count < 2,
  });
  const logs = useQuery({
    queryKey: ["trace-logs", traceId],
    queryFn: () => fetchJson<LogsResult>(`/api/traces/${traceId}/logs`),
  });
  const rows = useMemo(() => (trace.data ? buildSpanTree(trace.data.spans) : []), [trace.data]);

  if (trace.isPending) return <p className="p-4 text-sm text-slate-500">Loading trace {traceId}…</p>;
  if (trace.error) {
    const notFound = trace.error instanceof ApiRequestError && trace.error.status === 404;
    return (
      <main className="p-8" data-testid="trace-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">{notFound ? "Trace not found" : "Could not load the trace"}</h1>
        <p className="mt-2 text-sm">{trace.error.message}</p>
      </main>
    );
  }
  const t = trace.data;
  return (
    <main className="flex h-[calc(100vh-2.75rem)] flex-col">
      <div className="border-b border-slate-200 px-4 py-2 dark:border-slate-800">
        <h1 className="text-base font-semibold">
          {rows[0]?.span.service} <span className="font-normal text-slate-600 dark:text-slate-400">{rows[0]?.span.name}</span>
        </h1>
        <p className="text-xs text-slate-600 dark:text-slate-400">
          <span className="font-mono">{t.xrayTraceId}</span> · <span className="font-mono">{t.traceId}</span> · {formatUtc(t.startTime)} ·{" "}
          {formatDuration(t.durationMs)} · {t.spans.length} spans · {t.services.join(", ")}
        </p>
      </div>
      <div className="grid min-h-0 flex-1 grid-rows-2">
        <SpanList rows={rows} trace={t} selected={selected} onSelect={setSelected} />
        <LogList result={logs.data} error={logs.error} selectedSpan={selected} onSelectSpan={setSelected} />
      </div>
    </main>
  );
}
