/**
 * Replays a planned trace through the SDK: each span started and ended at its planned (backdated)
 * times under its parent's context, its log lines emitted through its service's logger.
 */
import type { Context, HrTime } from "@opentelemetry/api";
import { ROOT_CONTEXT, SpanStatusCode, trace } from "@opentelemetry/api";
import { millisToHrTime } from "@opentelemetry/core";
import { logLine } from "./log-lines";
import type { SpanPlan, TracePlan } from "./span-plan";
import type { Telemetry } from "./telemetry";

export interface EmittedTrace {
  traceId: string;
  spans: number;
  logs: number;
}

/** Explicit HrTime: a bare number is ambiguous to the SDK (epoch or performance.now()). */
const at = (epochMs: number): HrTime => millisToHrTime(epochMs);

interface Counts {
  spans: number;
  logs: number;
}

/** Emits the span, its lines and its subtree; returns the trace ID the SDK gave it. */
function emitSpan(plan: SpanPlan, parent: Context, telemetry: Telemetry, counts: Counts): string {
  const { tracer, logger, definition } = telemetry.service(plan.service);
  const options = { kind: plan.kind, attributes: plan.attributes, startTime: at(plan.start) };
  const span = tracer.startSpan(plan.name, options, parent);
  const context = trace.setSpan(parent, span);
  const { traceId, spanId } = span.spanContext();

  for (const log of plan.logs) {
    const line = logLine(log, { service: definition, traceId, spanId });
    logger.emit({
      timestamp: at(line.timestamp),
      observedTimestamp: at(line.timestamp),
      severityNumber: line.severityNumber,
      severityText: line.severityText,
      body: line.body,
      // Lambda and API Gateway lines name their trace only in the body.
      context: line.carriesSpanContext ? context : ROOT_CONTEXT,
    });
    counts.logs++;
  }
  if (plan.exception) {
    const { type, message, stacktrace } = plan.exception;
    span.recordException({ name: type, message, stack: stacktrace }, at(plan.exception.at));
  }
  if (plan.error !== null) span.setStatus({ code: SpanStatusCode.ERROR, message: plan.error });
  for (const child of plan.children) emitSpan(child, context, telemetry, counts);
  span.end(at(plan.end));
  counts.spans++;
  return traceId;
}

export function emitTrace(plan: TracePlan, telemetry: Telemetry): EmittedTrace {
  const counts: Counts = { spans: 0, logs: 0 };
  const traceId = emitSpan(plan.root, ROOT_CONTEXT, telemetry, counts);
  telemetry.ledger.recordEmitted("spans", counts.spans);
  telemetry.ledger.recordEmitted("logs", counts.logs);
  return { traceId, ...counts };
}
