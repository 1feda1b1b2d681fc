/** The facts the trace page's header shows about one trace. */
import type { Span, Trace } from "../model";
import { serviceTypeFromOrigin } from "./service-type";
import { buildSpanTree, type TreeRow } from "./span-tree";
import { indexSpans, pickRoot } from "./span-index";

export interface TraceStats {
  /** The earliest-starting root (orphans count); null for a trace without spans. */
  root: Span | null;
  spanCount: number;
  /** Spans by status (error = 4xx, fault = 5xx, throttle = 429). */
  errorCount: number;
  faultCount: number;
  throttleCount: number;
  /** Span count per service, in the order of `trace.services`. */
  spansPerService: Map<string, number>;
  /** Spans that mark a Lambda cold start, by start time. */
  coldStarts: Span[];
  /** Levels of the span tree: 1 for a lone root, 0 for no spans. */
  depth: number;
}

const INIT_SPAN_NAMES = new Set(["Initialization", "Init", "init"]);

/**
 * A cold start: a span with `faas.coldstart: true` (OpenTelemetry), or a Lambda function's init
 * span (X-Ray's `Initialization` subsegment) — one emitted by a service of Lambda origin.
 */
export function isColdStart(span: Span): boolean {
  if (span.attributes["faas.coldstart"] === true) return true;
  return INIT_SPAN_NAMES.has(span.name) && serviceTypeFromOrigin(span.origin) === "lambda";
}

/** `rows`, `roots`: the trace's span tree and roots when the caller has them already (a large trace's outline). */
export function traceStats(
  trace: Trace,
  rows: readonly TreeRow[] = buildSpanTree(trace.spans),
  roots: readonly Span[] = indexSpans(trace.spans).roots,
): TraceStats {
  const spansPerService = new Map<string, number>(trace.services.map((s) => [s, 0]));
  let errorCount = 0;
  let faultCount = 0;
  let throttleCount = 0;
  for (const span of trace.spans) {
    spansPerService.set(span.service, (spansPerService.get(span.service) ?? 0) + 1);
    if (span.status === "error") errorCount++;
    else if (span.status === "fault") faultCount++;
    else if (span.status === "throttle") throttleCount++;
  }
  let depth = 0;
  for (const row of rows) depth = Math.max(depth, row.depth + 1);
  return {
    root: pickRoot(roots),
    spanCount: trace.spans.length,
    errorCount,
    faultCount,
    throttleCount,
    spansPerService,
    coldStarts: trace.spans.filter(isColdStart).sort((a, b) => a.startTime - b.startTime),
    depth,
  };
}
