/**
 * zod schemas of the normalized model as a snapshot stores it: what an imported file must hold.
 * Each one is checked against the model type, so the two cannot drift apart silently.
 */
import { z } from "zod";
import type { AttributeValue, LogEvent, LogsResult, ServiceGraph, Span, Trace } from "../model";
import type { SnapshotPayload } from "./snapshot";

const attributeValue: z.ZodType<AttributeValue> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(attributeValue), z.record(z.string(), attributeValue)]),
);
const attributes = z.record(z.string(), attributeValue);
const hex = (digits: number) => z.string().regex(new RegExp(`^[0-9a-f]{${digits}}$`), `expected ${digits} lowercase hex digits`);
const time = z.number().finite().nonnegative();
const status = z.enum(["ok", "error", "fault", "throttle"]);

const span = z.looseObject({
  traceId: hex(32),
  spanId: z.string().min(1),
  parentSpanId: z.string().min(1).nullable(),
  service: z.string(),
  name: z.string(),
  kind: z.enum(["internal", "server", "client", "producer", "consumer"]),
  startTime: time,
  endTime: time,
  durationMs: time,
  status,
  statusMessage: z.string().nullable(),
  httpStatus: z.number().int().nullable(),
  origin: z.string().nullable(),
  attributes,
  resource: attributes,
  events: z.array(z.looseObject({ name: z.string(), timestamp: time, attributes })),
  links: z.array(z.looseObject({ traceId: z.string(), spanId: z.string(), attributes })),
}) satisfies z.ZodType<Span>;

const traceSchema = z.looseObject({
  traceId: hex(32),
  xrayTraceId: z.string().regex(/^1-[0-9a-f]{8}-[0-9a-f]{24}$/, "expected an X-Ray trace ID 1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx"),
  startTime: time,
  endTime: time,
  durationMs: time,
  spans: z.array(span).min(1, "a trace has at least one span"),
  services: z.array(z.string()),
  partial: z.boolean().optional(),
  note: z.string().optional(),
  store: z.literal("aws/spans").optional(),
  pastXRayRetention: z.boolean().optional(),
}) satisfies z.ZodType<Trace>;

const logEvent = z.looseObject({
  id: z.string(),
  timestamp: time,
  message: z.string(),
  level: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "unknown"]),
  service: z.string().nullable(),
  traceId: z.string().nullable(),
  spanId: z.string().nullable(),
  logGroup: z.string().nullable(),
  fields: attributes,
  pass: z.enum(["wide", "narrow", "request"]).optional(),
  account: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
}) satisfies z.ZodType<LogEvent>;

const count = z.number().finite().nonnegative();

const logsResult = z.looseObject({
  events: z.array(logEvent),
  status: z.enum(["complete", "running", "partial", "failed"]),
  stats: z.looseObject({ recordsScanned: count, bytesScanned: count, recordsMatched: count }).optional(),
  cost: z.looseObject({ bytesScanned: count, pricePerGb: count, estimatedUsd: count }).optional(),
  message: z.string().optional(),
}) satisfies z.ZodType<LogsResult>;

const serviceStats = z.looseObject({ requests: count, errors: count, faults: count, throttles: count, avgMs: count, p99Ms: count });
const serviceType = z.enum([
  "client",
  "api-gateway",
  "lambda",
  "container",
  "compute",
  "database",
  "queue",
  "topic",
  "storage",
  "aws-service",
  "external",
  "service",
]);

const serviceGraph = z.looseObject({
  nodes: z.array(z.looseObject({ id: z.string(), name: z.string(), type: serviceType, stats: serviceStats })),
  edges: z.array(z.looseObject({ source: z.string(), target: z.string(), stats: serviceStats })),
}) satisfies z.ZodType<ServiceGraph>;

export const payloadSchema = z.object({ trace: traceSchema, logs: logsResult, serviceGraph }) satisfies z.ZodType<SnapshotPayload>;
