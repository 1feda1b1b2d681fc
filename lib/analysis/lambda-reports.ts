/**
 * Lambda REPORT lines (Duration, Billed Duration, Memory Size, Max Memory Used, Init Duration)
 * attached to the invocation span they describe, so cold starts and memory pressure show on the
 * Gantt chart. A REPORT line names its segment when X-Ray wrote it (`SegmentId`); otherwise it is
 * the function's invocation that ended last before the line was written.
 */
import type { LogEvent, Span } from "../model";
import { parseLambdaPlatformLine, type LambdaReport } from "./lambda-report";

/** Used memory at or above this share of the configured size is memory pressure. */
const MEMORY_PRESSURE = 0.8;

/** How late after its invocation span a REPORT line may be written. */
const REPORT_LAG_MS = 2000;

export function memoryPressure(report: LambdaReport): boolean {
  return report.memorySizeMb !== null && report.maxMemoryUsedMb !== null && report.maxMemoryUsedMb >= report.memorySizeMb * MEMORY_PRESSURE;
}

export function lambdaReportsBySpan(events: readonly LogEvent[], spans: readonly Span[]): Map<string, LambdaReport> {
  const out = new Map<string, LambdaReport>();
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  // Invocation spans: a Lambda service's entry spans (no parent in the same service).
  const invocations = new Map<string, Span[]>();
  for (const s of spans) {
    const parent = s.parentSpanId ? byId.get(s.parentSpanId) : undefined;
    if (parent?.service === s.service) continue;
    if (!s.origin?.startsWith("AWS::Lambda") && s.resource["cloud.platform"] !== "aws_lambda") continue;
    const list = invocations.get(s.service);
    if (list) list.push(s);
    else invocations.set(s.service, [s]);
  }
  for (const event of events) {
    if (!event.message.startsWith("REPORT") && !event.message.includes('"platform.report"')) continue;
    const line = parseLambdaPlatformLine(event.message);
    if (line?.type !== "report") continue;
    const named = line.spanId ? byId.get(line.spanId) : undefined;
    const span = named ?? nearestInvocationBefore(invocations.get(event.service ?? "") ?? [], event.timestamp);
    if (span) out.set(span.spanId, line);
  }
  return out;
}

function nearestInvocationBefore(candidates: readonly Span[], at: number): Span | undefined {
  let best: Span | undefined;
  for (const s of candidates) {
    if (s.endTime <= at + 1 && at - s.endTime <= REPORT_LAG_MS && (!best || s.endTime > best.endTime)) best = s;
  }
  return best;
}
