/**
 * The text of each log line, as the real tools write it:
 *  - pino (orders-service): `{"level":"warn","time":1717…,"pid":1,"hostname":…,"traceId":…,"spanId":…,"message":…}`
 *  - Lambda Powertools Logger (Lambdas): `{"level":"WARN","message":…,"timestamp":"…Z","service":…,"xrayTraceId":"1-…",…}`
 *  - API Gateway JSON access log (checkout-api): `{"requestId":…,"status":"429",…,"xrayTraceId":"1-…"}`
 *  - Lambda platform lines: `START RequestId: …`, `END RequestId: …`, `REPORT RequestId: …\tDuration: …`
 */
import { SeverityNumber } from "@opentelemetry/api-logs";
import type { LogLevel, LogPlan } from "./span-plan";
import type { ServiceDefinition } from "./topology";
import { toXRayTraceId } from "./xray-id-generator";

export interface LogLine {
  timestamp: number;
  body: string;
  severityNumber: SeverityNumber;
  severityText: string | undefined;
  /** Whether the OTLP record itself carries the span context, or only the body names the trace. */
  carriesSpanContext: boolean;
}

/** The span the line was written in. */
export interface LogOrigin {
  service: ServiceDefinition;
  traceId: string;
  spanId: string;
}

const SEVERITY: Record<LogLevel, SeverityNumber> = {
  INFO: SeverityNumber.INFO,
  WARN: SeverityNumber.WARN,
  ERROR: SeverityNumber.ERROR,
};

function unleveled(timestamp: number, body: string): LogLine {
  return { timestamp, body, severityNumber: SeverityNumber.UNSPECIFIED, severityText: undefined, carriesSpanContext: false };
}

function appLine(plan: Extract<LogPlan, { kind: "app" }>, origin: LogOrigin): LogLine {
  const { service } = origin;
  const leveled = { timestamp: plan.at, severityNumber: SEVERITY[plan.level], severityText: plan.level };
  if (service.logStyle === "pino") {
    const body = {
      level: plan.level.toLowerCase(),
      time: Math.round(plan.at),
      pid: 1,
      hostname: service.resource["host.name"],
      service: service.name,
      traceId: origin.traceId,
      spanId: origin.spanId,
      message: plan.message,
      ...plan.fields,
    };
    return { ...leveled, body: JSON.stringify(body), carriesSpanContext: true };
  }
  if (service.logStyle === "powertools" && service.lambda) {
    const body = {
      level: plan.level,
      message: plan.message,
      timestamp: new Date(plan.at).toISOString(),
      service: service.name,
      sampling_rate: 0,
      function_name: service.lambda.name,
      function_arn: service.lambda.arn,
      function_memory_size: service.lambda.memorySizeMb,
      xrayTraceId: toXRayTraceId(origin.traceId),
      spanId: origin.spanId,
      ...plan.fields,
    };
    return { ...leveled, body: JSON.stringify(body), carriesSpanContext: false };
  }
  throw new Error(`${service.name} (${service.logStyle}) writes no application lines`);
}

function reportLine(plan: Extract<LogPlan, { kind: "lambda-report" }>, origin: LogOrigin): string {
  const memorySizeMb = origin.service.lambda?.memorySizeMb ?? 0;
  return [
    `REPORT RequestId: ${plan.requestId}`,
    `Duration: ${plan.durationMs.toFixed(2)} ms`,
    `Billed Duration: ${Math.ceil(plan.durationMs)} ms`,
    `Memory Size: ${memorySizeMb} MB`,
    `Max Memory Used: ${plan.maxMemoryUsedMb} MB`,
    ...(plan.initDurationMs === null ? [] : [`Init Duration: ${plan.initDurationMs.toFixed(2)} ms`]),
    `XRAY TraceId: ${toXRayTraceId(origin.traceId)}`,
    `SegmentId: ${origin.spanId}`,
    "Sampled: true",
  ].join("\t");
}

export function logLine(plan: LogPlan, origin: LogOrigin): LogLine {
  switch (plan.kind) {
    case "app":
      return appLine(plan, origin);
    case "access":
      return unleveled(plan.at, JSON.stringify({ ...plan.fields, xrayTraceId: toXRayTraceId(origin.traceId) }));
    case "lambda-start":
      return unleveled(plan.at, `START RequestId: ${plan.requestId} Version: $LATEST`);
    case "lambda-end":
      return unleveled(plan.at, `END RequestId: ${plan.requestId}`);
    case "lambda-report":
      return unleveled(plan.at, reportLine(plan, origin));
  }
}
