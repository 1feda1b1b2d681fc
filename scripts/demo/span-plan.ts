/**
 * A planned trace: plain data saying which spans each service records, when, and which log lines
 * it writes. The planner decides everything here (pure, seeded); the emitter only replays it
 * through the OpenTelemetry SDK, which assigns the IDs.
 */
import type { Attributes, SpanKind } from "@opentelemetry/api";
import type { ServiceName } from "./topology";

export type Category = "healthy" | "slow" | "fault" | "throttle" | "client-error";
export const CATEGORIES: readonly Category[] = ["healthy", "slow", "fault", "throttle", "client-error"];

export type LogLevel = "INFO" | "WARN" | "ERROR";

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type LogPlan =
  /** An application line; the service's log style decides the JSON keys around `fields`. */
  | { kind: "app"; at: number; level: LogLevel; message: string; fields: JsonObject }
  /** API Gateway access log line (the JSON access-log format the team configured). */
  | { kind: "access"; at: number; fields: Record<string, string> }
  /** Lambda platform lines, written by the Lambda service itself. */
  | { kind: "lambda-start"; at: number; requestId: string }
  | { kind: "lambda-end"; at: number; requestId: string }
  | {
      kind: "lambda-report";
      at: number;
      requestId: string;
      durationMs: number;
      maxMemoryUsedMb: number;
      initDurationMs: number | null;
    };

interface ExceptionPlan {
  at: number;
  type: string;
  message: string;
  stacktrace: string;
}

export interface SpanPlan {
  service: ServiceName;
  name: string;
  kind: SpanKind;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  attributes: Attributes;
  /** Set for an OTel ERROR status, with its message. */
  error: string | null;
  exception: ExceptionPlan | null;
  logs: LogPlan[];
  children: SpanPlan[];
}

export interface TracePlan {
  category: Category;
  /** The API route of the request, e.g. `POST /orders`. */
  route: string;
  start: number;
  /** The end of the last span, including asynchronous work after the response. */
  end: number;
  root: SpanPlan;
}

export function newSpan(fields: Pick<SpanPlan, "service" | "name" | "kind" | "start" | "end" | "attributes"> & Partial<SpanPlan>): SpanPlan {
  return { error: null, exception: null, logs: [], children: [], ...fields };
}

/** Every span of the tree, depth first. */
export function allSpans(root: SpanPlan): SpanPlan[] {
  return [root, ...root.children.flatMap(allSpans)];
}
