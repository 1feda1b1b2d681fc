/**
 * Optional self-tracing: with OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT)
 * set, Sightline traces its own requests (Next.js' built-in spans: the request, the route, the
 * render) and its AWS calls (lib/sources/aws/aws-clients.ts) with the OpenTelemetry SDK, and
 * exports them over OTLP/HTTP protobuf — to any collector, or to itself (its own /v1/traces).
 *
 * The exporter reads the standard variables itself (endpoint, headers, timeout);
 * OTEL_SERVICE_NAME names the service (default `sightline`); OTEL_SDK_DISABLED=true turns it off.
 * Not traced: OTLP ingest (traced, exporting to itself would trace its own exports without end),
 * the probes, /metrics and static files. Sampling: OTEL_TRACES_SAMPLER_ARG, a ratio of root
 * requests (default 1), parent-based.
 */
import { context, propagation, trace, type Attributes, type Context, type Link, SpanKind } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { resourceFromAttributes } from "@opentelemetry/resources";
import {
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  type Sampler,
  SamplingDecision,
  type SamplingResult,
  TraceIdRatioBasedSampler,
} from "@opentelemetry/sdk-trace-base";

export interface SelfTracingSettings {
  serviceName: string;
  ratio: number;
}

/** Null when self-tracing is off; a bad ratio is a configuration error. */
export function parseSelfTracingSettings(env: Record<string, string | undefined>): SelfTracingSettings | null {
  if (env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") return null;
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() && !env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim()) return null;
  const rawRatio = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = rawRatio ? Number(rawRatio) : 1;
  if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
    throw new Error(`OTEL_TRACES_SAMPLER_ARG must be a ratio from 0 to 1, got ${JSON.stringify(env.OTEL_TRACES_SAMPLER_ARG)}.`);
  }
  return { serviceName: env.OTEL_SERVICE_NAME?.trim() || "sightline", ratio };
}

const UNTRACED = [/^\/v1\//, /^\/api\/(health|ready)(\/|\?|$)/, /^\/metrics(\?|$)/, /^\/_next\/static\//, /^\/favicon\.ico$/];

/** Whether a request to this path is traced (see the header: not ingest, probes, /metrics or static files). */
export function isTracedPath(target: string): boolean {
  return !UNTRACED.some((re) => re.test(target));
}

/** Root spans: dropped for untraced paths (Next.js' request span carries `http.target`), else by ratio. */
export class SightlineRootSampler implements Sampler {
  private readonly ratio: Sampler;
  constructor(ratio: number) {
    this.ratio = new TraceIdRatioBasedSampler(ratio);
  }
  shouldSample(ctx: Context, traceId: string, spanName: string, spanKind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    const target = attributes["http.target"] ?? attributes["url.path"];
    if (typeof target === "string" && !isTracedPath(target)) return { decision: SamplingDecision.NOT_RECORD };
    return this.ratio.shouldSample(ctx, traceId, spanName, spanKind, attributes, links);
  }
  toString(): string {
    return `SightlineRootSampler{${this.ratio.toString()}}`;
  }
}

const STARTED = Symbol.for("sightline.selfTracing");

/** Registers the global tracer provider (once per process). Returns false when self-tracing is off. */
export function startSelfTracing(settings: SelfTracingSettings | null): boolean {
  const g = globalThis as typeof globalThis & { [STARTED]?: BasicTracerProvider };
  if (!settings) return false;
  if (g[STARTED]) return true;
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      "service.name": settings.serviceName,
      "service.namespace": "sightline",
      "service.version": process.env.npm_package_version ?? "0.1.0",
    }),
    sampler: new ParentBasedSampler({ root: new SightlineRootSampler(settings.ratio) }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  g[STARTED] = provider;
  return true;
}

/** Exports what is buffered (on shutdown). */
export async function flushSelfTracing(): Promise<void> {
  const g = globalThis as typeof globalThis & { [STARTED]?: BasicTracerProvider };
  await g[STARTED]?.shutdown();
}
