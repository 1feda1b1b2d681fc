/**
 * The Source backed by the embedded store: everything OTLP ingest wrote to DATA_DIR.
 */
import { buildServiceGraph } from "../../analysis/service-graph";
import { serviceStatsFromSpans, type ServiceStatsSeries } from "../../analysis/service-stats";
import type { LogsResult, ServiceGraph, Trace, TraceSummary } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type { OperationKey } from "../../analysis/operation-percentiles";
import type { OperationPercentilesAnswer, Source, TimeWindow, TraceQuery } from "../source";
import type { Store } from "./store/store";

/** Spans a service graph reads at most: a dense window is drawn from its newest spans. */
export const SERVICE_GRAPH_SPAN_CAP = 50_000;

export class LocalSource implements Source {
  readonly kind = "local";

  constructor(
    private readonly store: Store,
    private readonly graphSpanCap = SERVICE_GRAPH_SPAN_CAP,
  ) {}

  async findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    return this.store.findTraces(query);
  }

  async getTrace(id: ParsedTraceId): Promise<Trace | null> {
    const spans = this.store.getTraceSpans(id.hex);
    if (spans.length === 0) return null;
    // The store returns spans by start time; the last to end may be any of them.
    const startTime = spans[0].startTime;
    const endTime = spans.reduce((end, s) => Math.max(end, s.endTime), startTime);
    return {
      traceId: id.hex,
      xrayTraceId: id.xray,
      startTime,
      endTime,
      durationMs: endTime - startTime,
      spans,
      services: [...new Set(spans.map((s) => s.service))],
    };
  }

  async getServiceGraph(window: TimeWindow): Promise<ServiceGraph> {
    return buildServiceGraph(this.store.spansInWindow(window, this.graphSpanCap).spans);
  }

  async getTraceLogs(id: ParsedTraceId): Promise<LogsResult> {
    return { events: this.store.getTraceLogs(id.hex), status: "complete" };
  }

  async getServiceStats(service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries> {
    return serviceStatsFromSpans(this.store.spansInWindow(window, this.graphSpanCap).spans, service, window, stepMs);
  }

  async getOperationPercentiles(window: TimeWindow, keys: OperationKey[]): Promise<OperationPercentilesAnswer> {
    return { operations: this.store.operationPercentiles(window, keys), unknown: [] };
  }
}
