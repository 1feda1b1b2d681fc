/**
 * The OpenTelemetry SDK wiring: for each simulated service, as its own process would have, a
 * TracerProvider and a LoggerProvider with that service's Resource, batch processors and the
 * OTLP/HTTP protobuf exporters pointed at `{baseUrl}/v1/traces` and `{baseUrl}/v1/logs`.
 */
import type { Tracer } from "@opentelemetry/api";
import type { Logger } from "@opentelemetry/api-logs";
import { OTLPLogExporter } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { defaultResource, resourceFromAttributes } from "@opentelemetry/resources";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import type { IdGenerator } from "@opentelemetry/sdk-trace-base";
import { AlwaysOnSampler, BasicTracerProvider, BatchSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { ExportLedger } from "./export-ledger";
import type { ServiceDefinition, ServiceName } from "./topology";
import { SERVICE_NAMES } from "./topology";

const SCOPE = "sightline-demo";

/** Large enough that nothing is dropped between two flushes of the generator (the ledger would notice). */
const BATCHING = { maxQueueSize: 100_000, maxExportBatchSize: 1_000, scheduledDelayMillis: 1_000 };

interface ServiceTelemetry {
  definition: ServiceDefinition;
  tracer: Tracer;
  logger: Logger;
}

export interface Telemetry {
  service(name: ServiceName): ServiceTelemetry;
  ledger: ExportLedger;
  /** Exports everything emitted so far; throws an ExportError if any of it was not acknowledged. */
  flush(): Promise<void>;
  /** Flushes and shuts every provider down; throws like flush(). */
  shutdown(): Promise<void>;
}

interface Providers {
  traces: BasicTracerProvider;
  logs: LoggerProvider;
}

export function createTelemetry(options: { baseUrl: string; services: Record<ServiceName, ServiceDefinition>; idGenerator: IdGenerator }): Telemetry {
  const base = options.baseUrl.replace(/\/+$/, "");
  const tracesUrl = `${base}/v1/traces`;
  const logsUrl = `${base}/v1/logs`;
  // A server with INGEST_TOKEN takes OTLP only with it (README, Access).
  const headers = process.env.INGEST_TOKEN ? { Authorization: `Bearer ${process.env.INGEST_TOKEN}` } : undefined;
  const ledger = new ExportLedger();
  const providers: Providers[] = [];
  const byName = new Map<ServiceName, ServiceTelemetry>();

  for (const name of SERVICE_NAMES) {
    const definition = options.services[name];
    const resource = defaultResource().merge(resourceFromAttributes(definition.resource));
    const spanExporter = ledger.watch("spans", tracesUrl, new OTLPTraceExporter({ url: tracesUrl, headers }));
    const logExporter = ledger.watch("logs", logsUrl, new OTLPLogExporter({ url: logsUrl, headers }));
    const traces = new BasicTracerProvider({
      resource,
      idGenerator: options.idGenerator,
      sampler: new AlwaysOnSampler(),
      spanProcessors: [new BatchSpanProcessor(spanExporter, BATCHING)],
    });
    const logs = new LoggerProvider({
      resource,
      processors: [new BatchLogRecordProcessor({ exporter: logExporter, ...BATCHING })],
    });
    providers.push({ traces, logs });
    byName.set(name, { definition, tracer: traces.getTracer(SCOPE), logger: logs.getLogger(SCOPE) });
  }

  /** Runs `step` on every provider, then fails with the ledger's account of what was lost, if anything. */
  const settleAfter = async (step: (p: BasicTracerProvider | LoggerProvider) => Promise<void>) => {
    const results = await Promise.allSettled(providers.flatMap((p) => [step(p.traces), step(p.logs)]));
    ledger.settle();
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    if (rejected) throw rejected.reason;
  };

  return {
    ledger,
    service(name) {
      const service = byName.get(name);
      if (!service) throw new Error(`unknown service ${name}`);
      return service;
    },
    flush: () => settleAfter((p) => p.forceFlush()),
    shutdown: () => settleAfter((p) => p.shutdown()),
  };
}
