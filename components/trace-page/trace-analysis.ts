/** Everything the trace page derives from one trace, computed once per trace (not per render). */
import { analyzeCriticalPath, type CriticalSection } from "@/lib/analysis/critical-path";
import { detectSkew, type SkewFinding } from "@/lib/analysis/clock-skew";
import { selfTimes } from "@/lib/analysis/self-time";
import { buildSpanTree, type TreeRow } from "@/lib/analysis/span-tree";
import { isColdStart, traceStats, type TraceStats } from "@/lib/analysis/trace-stats";
import { serviceColors } from "@/lib/client/service-colors";
import type { Span, Trace } from "@/lib/model";

export interface TraceAnalysis {
  rows: TreeRow[];
  spansById: Map<string, Span>;
  /** Spans the critical path passes through (a caller whose child covers all its time included). */
  criticalIds: Set<string>;
  /** Critical-path sections per span (absolute ms): the parts of each bar the path runs along. */
  critical: Map<string, CriticalSection[]>;
  selfTime: Map<string, number>;
  skew: Map<string, SkewFinding>;
  coldStarts: Set<string>;
  stats: TraceStats;
  colors: Map<string, string>;
}

export function analyzeTrace(trace: Trace): TraceAnalysis {
  const path = analyzeCriticalPath(trace.spans);
  const critical = new Map<string, CriticalSection[]>();
  for (const section of path.sections) {
    const list = critical.get(section.spanId);
    if (list) list.push(section);
    else critical.set(section.spanId, [section]);
  }
  return {
    rows: buildSpanTree(trace.spans),
    spansById: new Map(trace.spans.map((s) => [s.spanId, s])),
    criticalIds: path.spanIds,
    critical,
    selfTime: selfTimes(trace.spans),
    skew: detectSkew(trace.spans),
    coldStarts: new Set(trace.spans.filter(isColdStart).map((s) => s.spanId)),
    stats: traceStats(trace),
    colors: serviceColors(trace.services),
  };
}
