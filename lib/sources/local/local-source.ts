/**
 * The Source backed by the embedded store: everything OTLP ingest wrote to DATA_DIR.
 */
import { traceFromSpans } from "./trace-from-spans";
import { facetsOfSpans, type TraceFacets } from "../../analysis/trace-facets";
import { serviceStatsFromSpans } from "../../analysis/service-stats";
import type { LogsResult, ServiceGraph, ServiceStatsSeries, Span, SpanStatus, TimeWindow, Trace, TraceSummary } from "../../model";
import type { ParsedTraceId } from "../../trace-id";
import type {
  ErrorOccurrences,
  ErrorsQuery,
  LeanTraceReader,
  OperationPercentilesAnswer,
  Source,
  SourceReadiness,
  TraceFacetsQuery,
  TraceQuery,
} from "../source";
import type { ErrorOccurrence } from "../../analysis/error-groups";
import type { OperationKey } from "../../analysis/operation-percentiles";
import { traceNotFoundMessage } from "./not-found-message";
import type { Store } from "./store/store";

/** Spans a service's statistics (and its errors) read at most: a dense window is drawn from its newest spans. */
const SERVICE_GRAPH_SPAN_CAP = 50_000;

const FAILING: SpanStatus[] = ["fault", "throttle", "error"];

export interface LocalSourceOptions {
  /** How long the store keeps a trace (RETENTION_DAYS): what "not found" says was searched. */
  retentionMs: number;
  /** Spans a service's statistics (and its errors) read at most; the service graph reads the rollup. */
  graphSpanCap?: number;
}

const traceOf = (id: ParsedTraceId, spans: Span[]): Trace | null => traceFromSpans(id.hex, spans);

/**
 * No X-Ray filter expressions, and no console; logs answer at once, so there is no search to
 * wait for or cancel.
 */
export class LocalSource implements Source {
  readonly kind = "local";
  readonly capabilities = { filterExpressions: false };
  private readonly retentionMs: number;
  private readonly graphSpanCap: number;

  constructor(
    private readonly store: Store,
    options: LocalSourceOptions,
  ) {
    this.retentionMs = options.retentionMs;
    this.graphSpanCap = options.graphSpanCap ?? SERVICE_GRAPH_SPAN_CAP;
    this.leanTraces = this.createLeanTraces();
  }

  async findTraces(query: TraceQuery): Promise<TraceSummary[]> {
    return this.store.findTraces(query);
  }

  async getTrace(id: ParsedTraceId): Promise<Trace | null> {
    return traceOf(id, this.store.getTraceSpans(id.hex));
  }

  readonly leanTraces: LeanTraceReader;

  private createLeanTraces(): LeanTraceReader {
    return {
      getLeanTrace: async (id) => traceOf(id, this.store.getTraceOutlineSpans(id.hex)),
      getSpansById: async (id, spanIds) => this.store.getSpansById(id.hex, spanIds),
      spanIdsWithAttributeText: async (id, text) => this.store.spanIdsWithAttributeText(id.hex, text),
      storedOutline: async (id) => this.store.outlines.header(id.hex),
      storedOutlineRows: async (id, from, to) => this.store.outlines.rows(id.hex, from, to),
      traceSummary: async (id) => this.store.traceSummary(id.hex),
      outlineQuestions: this.store.outlineQueries ?? undefined,
    };
  }

  traceNotFoundMessage(id: ParsedTraceId, now: number): string {
    return traceNotFoundMessage(id, this.retentionMs, now);
  }

  async getServiceGraph(window: TimeWindow): Promise<ServiceGraph> {
    return this.store.serviceGraph(window);
  }

  async getTraceLogs(id: ParsedTraceId): Promise<LogsResult> {
    return { events: this.store.getTraceLogs(id.hex), status: "complete" };
  }

  async getTraceFacets(query: TraceFacetsQuery): Promise<TraceFacets[]> {
    const { service, from, to, limit } = query;
    const summaries = new Map<string, TraceSummary>();
    for (const status of [undefined, ...FAILING]) {
      for (const t of this.store.findTraces({ from, to, service, status, limit })) summaries.set(t.traceId, t);
    }
    return [...summaries.values()].map((t) => facetsOfSpans(t, this.store.getTraceSpans(t.traceId)));
  }

  async getErrorOccurrences(query: ErrorsQuery): Promise<ErrorOccurrences> {
    const services = new Set(query.services);
    const occurrences: ErrorOccurrence[] = [];
    for (const span of this.store.spansInWindow(query, this.graphSpanCap).spans) {
      if (!services.has(span.service)) continue;
      for (const event of span.events) {
        if (event.name !== "exception") continue;
        const type = event.attributes["exception.type"];
        const message = event.attributes["exception.message"];
        occurrences.push({
          kind: "exception",
          type: typeof type === "string" ? type : null,
          message: typeof message === "string" ? message : (span.statusMessage ?? ""),
          service: span.service,
          time: event.timestamp,
          traceId: span.traceId,
        });
      }
    }
    for (const log of this.store.errorLogsInWindow(query, query.limit)) {
      if (log.service === null || !services.has(log.service)) continue;
      occurrences.push({ kind: "log", type: null, message: log.message, service: log.service, time: log.timestamp, traceId: log.traceId });
    }
    return { occurrences };
  }

  async getServiceStats(service: string, window: TimeWindow, stepMs: number): Promise<ServiceStatsSeries> {
    return serviceStatsFromSpans(this.store.spansInWindow(window, this.graphSpanCap).spans, service, window, stepMs);
  }

  /** Ready while the embedded store is open. */
  async readiness(): Promise<SourceReadiness> {
    const open = this.store.isOpen;
    return { ok: open, checks: { store: open }, checkedAt: Date.now() };
  }

  async getOperationPercentiles(window: TimeWindow, keys: OperationKey[]): Promise<OperationPercentilesAnswer> {
    return { operations: this.store.operationPercentiles(window, keys), unknown: [] };
  }
}
