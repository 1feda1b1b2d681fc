/**
 * One Lambda invocation as the platform shapes it: on a cold start an Initialization phase
 * (150–900 ms) before the handler, START / END / REPORT platform lines around the handler, and the
 * Powertools invocation keys (request ID, cold start) on every application line.
 */
import type { Attributes } from "@opentelemetry/api";
import { SpanKind } from "@opentelemetry/api";
import type { LogPlan, SpanPlan } from "../span-plan";
import { newSpan } from "../span-plan";
import type { ServiceDefinition } from "../topology";
import type { Request } from "./request";

interface HandlerRun {
  end: number;
  children: SpanPlan[];
  logs: LogPlan[];
}

export interface Invocation {
  service: ServiceDefinition;
  name: string;
  kind: SpanKind;
  start: number;
  attributes: Attributes;
  /** Runs the handler from `handlerStart`. */
  handler(handlerStart: number, invocation: { requestId: string; coldStart: boolean }): HandlerRun;
}

export function planLambdaInvocation(request: Request, invocation: Invocation): SpanPlan {
  const { random } = request;
  const fn = invocation.service.lambda;
  if (!fn) throw new Error(`${invocation.service.name} is not a Lambda function`);

  const requestId = random.uuid();
  const coldStart = random.chance(0.05 + 0.25 * request.intensity);
  const initDurationMs = coldStart ? random.between(150, 900) : null;
  const children: SpanPlan[] = [];
  if (initDurationMs !== null) {
    children.push(
      newSpan({
        service: invocation.service.name,
        name: "Initialization",
        kind: SpanKind.INTERNAL,
        start: invocation.start,
        end: invocation.start + initDurationMs,
        attributes: { "faas.coldstart": true },
      }),
    );
  }

  const handlerStart = invocation.start + (initDurationMs ?? 0) + random.between(0.2, 0.9);
  const run = invocation.handler(handlerStart, { requestId, coldStart });
  const end = run.end + random.between(0.3, 1.2);
  const invocationKeys = { function_request_id: requestId, cold_start: coldStart };

  return newSpan({
    service: invocation.service.name,
    name: invocation.name,
    kind: invocation.kind,
    start: invocation.start,
    end,
    attributes: {
      ...invocation.attributes,
      "faas.invocation_id": requestId,
      "faas.coldstart": coldStart,
      "cloud.resource_id": fn.arn,
      "aws.lambda.invoked_arn": fn.arn,
    },
    children: [...children, ...run.children],
    logs: [
      { kind: "lambda-start", at: handlerStart, requestId },
      ...run.logs.map((log) => (log.kind === "app" ? { ...log, fields: { ...invocationKeys, ...log.fields } } : log)),
      { kind: "lambda-end", at: end, requestId },
      {
        kind: "lambda-report",
        at: end + random.between(0.1, 0.5),
        requestId,
        durationMs: end - handlerStart,
        maxMemoryUsedMb: Math.round(fn.memorySizeMb * random.between(0.22, 0.34)),
        initDurationMs,
      },
    ],
  });
}
