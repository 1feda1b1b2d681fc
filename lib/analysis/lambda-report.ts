/**
 * Lambda's platform log lines: START, END and REPORT in the text log format
 * (`REPORT RequestId: … Duration: 128.83 ms … Init Duration: 166.62 ms XRAY TraceId: 1-… SegmentId: … Sampled: true`),
 * and `platform.start` / `platform.report` records in the JSON log format. A REPORT with an
 * Init Duration was a cold start.
 */
import { isSpanId, parseTraceId } from "../trace-id";
import { type JsonRecord, isRecord, numberAt, recordAt, stringAt } from "../json-value";

interface LambdaStart {
  type: "start";
  requestId: string;
  version: string | null;
}

interface LambdaEnd {
  type: "end";
  requestId: string;
}

export interface LambdaReport {
  type: "report";
  requestId: string;
  durationMs: number | null;
  billedDurationMs: number | null;
  memorySizeMb: number | null;
  maxMemoryUsedMb: number | null;
  /** Only on the first invocation of an execution environment. */
  initDurationMs: number | null;
  coldStart: boolean;
  /** `timeout`, `error`, … when the invocation did not succeed (`success` in the JSON format). */
  status: string | null;
  /** The X-Ray trace ID as the line wrote it. */
  xrayTraceId: string | null;
  /** The same ID in W3C form; null when it is not a valid trace ID. */
  traceId: string | null;
  /** The segment ID, when it is a valid span ID. */
  spanId: string | null;
  sampled: boolean | null;
}

export type LambdaPlatformLine = LambdaStart | LambdaEnd | LambdaReport;

// Longest names first: at "Billed Duration" the alternation must not stop at "Duration".
const TEXT_FIELD = /(Billed Duration|Init Duration|Max Memory Used|Memory Size|Duration|RequestId|Version|XRAY TraceId|SegmentId|Sampled|Status): (\S+)/g;

function number(value: string | undefined): number | null {
  const n = value === undefined ? NaN : Number(value);
  return Number.isFinite(n) ? n : null;
}

function report(fields: {
  requestId: string;
  metrics: (name: string) => number | null;
  status: string | null;
  xrayTraceId: string | null;
  segmentId: string | null;
  sampled: boolean | null;
}): LambdaReport {
  const parsed = fields.xrayTraceId ? parseTraceId(fields.xrayTraceId) : null;
  const segmentId = fields.segmentId?.toLowerCase() ?? "";
  const initDurationMs = fields.metrics("initDurationMs");
  return {
    type: "report",
    requestId: fields.requestId,
    durationMs: fields.metrics("durationMs"),
    billedDurationMs: fields.metrics("billedDurationMs"),
    memorySizeMb: fields.metrics("memorySizeMB"),
    maxMemoryUsedMb: fields.metrics("maxMemoryUsedMB"),
    initDurationMs,
    coldStart: initDurationMs !== null,
    status: fields.status,
    xrayTraceId: parsed?.ok ? parsed.id.xray : fields.xrayTraceId,
    traceId: parsed?.ok ? parsed.id.hex : null,
    spanId: isSpanId(segmentId) ? segmentId : parsed?.ok ? parsed.id.parentId : null,
    sampled: fields.sampled ?? (parsed?.ok ? parsed.id.sampled : null),
  };
}

const TEXT_METRICS: Readonly<Record<string, string>> = {
  durationMs: "Duration",
  billedDurationMs: "Billed Duration",
  memorySizeMB: "Memory Size",
  maxMemoryUsedMB: "Max Memory Used",
  initDurationMs: "Init Duration",
};

function parseText(line: string): LambdaPlatformLine | null {
  const kind = /^(START|END|REPORT) RequestId: /.exec(line)?.[1];
  if (!kind) return null;
  const fields = new Map<string, string>();
  for (const m of line.matchAll(TEXT_FIELD)) if (!fields.has(m[1])) fields.set(m[1], m[2]);
  const requestId = fields.get("RequestId") ?? "";
  if (kind === "START") return { type: "start", requestId, version: fields.get("Version") ?? null };
  if (kind === "END") return { type: "end", requestId };
  const sampled = fields.get("Sampled");
  return report({
    requestId,
    metrics: (name) => number(fields.get(TEXT_METRICS[name])),
    status: fields.get("Status") ?? null,
    xrayTraceId: fields.get("XRAY TraceId") ?? null,
    segmentId: fields.get("SegmentId") ?? null,
    sampled: sampled === "true" ? true : sampled === "false" ? false : null,
  });
}

function parseJson(event: JsonRecord): LambdaPlatformLine | null {
  const record = recordAt(event, "record");
  const requestId = record && stringAt(record, "requestId");
  if (!record || !requestId) return null;
  if (event.type === "platform.start") return { type: "start", requestId, version: stringAt(record, "version") };
  if (event.type !== "platform.report") return null;
  const metrics = recordAt(record, "metrics");
  const tracing = recordAt(record, "tracing");
  return report({
    requestId,
    metrics: (name) => (metrics ? numberAt(metrics, name) : null),
    status: stringAt(record, "status"),
    xrayTraceId: tracing && stringAt(tracing, "value"),
    segmentId: tracing && stringAt(tracing, "spanId"),
    sampled: null,
  });
}

/** The platform line's content, or null for any other log line. Never throws. */
export function parseLambdaPlatformLine(line: string): LambdaPlatformLine | null {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return parseText(trimmed);
  try {
    const event: unknown = JSON.parse(trimmed);
    return isRecord(event) ? parseJson(event) : null;
  } catch {
    return null;
  }
}
