/**
 * The ingest hot path: one IngestBatch in one transaction, with statements prepared once.
 */
import type Database from "better-sqlite3";
import type { IngestBatch, LogRecord, ResourceRecord, SpanRecord } from "../records";
import { resourceKey } from "./resource-key";
import { aggregateByTrace } from "./trace-aggregate";

export interface WriteResult {
  /** Spans newly stored; a span re-sent by an exporter retry (same trace and span ID) is not. */
  spans: number;
  logs: number;
}

interface SpanParams {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  service: string;
  name: string;
  kind: string;
  startUs: number;
  endUs: number;
  status: string;
  statusMessage: string | null;
  httpStatus: number | null;
  origin: string | null;
  attributes: string;
  events: string;
  links: string;
  resourceId: number;
  scopeName: string | null;
  scopeVersion: string | null;
}

interface TraceParams {
  traceId: string;
  startUs: number;
  endUs: number;
  spanCount: number;
  statusRank: number;
  rootService: string;
  rootName: string;
  rootHttpStatus: number | null;
  rootIsParentless: number;
  rootStartUs: number;
}

interface LogParams {
  traceId: string | null;
  spanId: string | null;
  timeUs: number;
  severityNumber: number;
  severityText: string | null;
  level: string;
  service: string;
  message: string;
  fields: string;
  logGroup: string | null;
  resourceId: number;
}

// The root columns move together, when the incoming candidate beats the stored one (the rule of
// isBetterRoot in trace-aggregate.ts). SET expressions all read the row as it was before.
const BETTER_ROOT = `(excluded.root_is_parentless > traces.root_is_parentless OR
  (excluded.root_is_parentless = traces.root_is_parentless AND excluded.root_start_us < traces.root_start_us))`;
const TAKE_ROOT = ["root_service", "root_name", "root_http_status", "root_is_parentless", "root_start_us"]
  .map((column) => `${column} = CASE WHEN ${BETTER_ROOT} THEN excluded.${column} ELSE traces.${column} END`)
  .join(",\n      ");

export function createWriter(db: Database.Database): (batch: IngestBatch) => WriteResult {
  const insertResource = db.prepare<[string, string, string]>(
    "INSERT INTO resources (hash, service, attributes) VALUES (?, ?, ?) ON CONFLICT (hash) DO NOTHING",
  );
  const selectResourceId = db.prepare<[string], { id: number }>("SELECT id FROM resources WHERE hash = ?");
  const insertSpan = db.prepare<SpanParams>(`
    INSERT INTO spans (trace_id, span_id, parent_span_id, service, name, kind, start_us, end_us, status,
      status_message, http_status, origin, attributes, events, links, resource_id, scope_name, scope_version)
    VALUES (@traceId, @spanId, @parentSpanId, @service, @name, @kind, @startUs, @endUs, @status,
      @statusMessage, @httpStatus, @origin, @attributes, @events, @links, @resourceId, @scopeName, @scopeVersion)
    ON CONFLICT (trace_id, span_id) DO NOTHING`);
  const upsertTrace = db.prepare<TraceParams, { trace_key: number; start_us: number }>(`
    INSERT INTO traces (trace_id, start_us, end_us, span_count, status_rank, root_service, root_name,
      root_http_status, root_is_parentless, root_start_us)
    VALUES (@traceId, @startUs, @endUs, @spanCount, @statusRank, @rootService, @rootName,
      @rootHttpStatus, @rootIsParentless, @rootStartUs)
    ON CONFLICT (trace_id) DO UPDATE SET
      start_us = min(traces.start_us, excluded.start_us),
      end_us = max(traces.end_us, excluded.end_us),
      span_count = traces.span_count + excluded.span_count,
      status_rank = max(traces.status_rank, excluded.status_rank),
      ${TAKE_ROOT}
    RETURNING trace_key, start_us`);
  const insertTraceService = db.prepare<[number, string, number]>(
    "INSERT INTO trace_services (trace_key, service, trace_start_us) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
  );
  const moveTraceStart = db.prepare<{ traceKey: number; startUs: number }>(
    "UPDATE trace_services SET trace_start_us = @startUs WHERE trace_key = @traceKey AND trace_start_us <> @startUs",
  );
  const insertLog = db.prepare<LogParams>(`
    INSERT INTO logs (trace_id, span_id, time_us, severity_number, severity_text, level, service, message,
      fields, log_group, resource_id)
    VALUES (@traceId, @spanId, @timeUs, @severityNumber, @severityText, @level, @service, @message,
      @fields, @logGroup, @resourceId)`);

  const write = db.transaction((batch: IngestBatch): WriteResult => {
    // Decoders share one ResourceRecord object among the spans of a resource: hash each once.
    const resourceIds = new Map<ResourceRecord, number>();
    const resourceId = (resource: ResourceRecord): number => {
      let id = resourceIds.get(resource);
      if (id === undefined) {
        const key = resourceKey(resource);
        insertResource.run(key.hash, resource.service, key.attributesJson);
        const row = selectResourceId.get(key.hash);
        if (!row) throw new Error(`resource ${key.hash} vanished inside its own transaction`);
        id = row.id;
        resourceIds.set(resource, id);
      }
      return id;
    };

    const stored: SpanRecord[] = [];
    for (const span of batch.spans) {
      if (insertSpan.run(spanParams(span, resourceId(span.resource))).changes === 1) stored.push(span);
    }
    for (const [traceId, agg] of aggregateByTrace(stored)) {
      const row = upsertTrace.get({
        traceId,
        startUs: agg.startUs,
        endUs: agg.endUs,
        spanCount: agg.spanCount,
        statusRank: agg.statusRank,
        rootService: agg.root.service,
        rootName: agg.root.name,
        rootHttpStatus: agg.root.httpStatus,
        rootIsParentless: agg.root.parentless ? 1 : 0,
        rootStartUs: agg.root.startUs,
      });
      if (!row) throw new Error(`the upsert of trace ${traceId} returned no row`);
      for (const service of agg.services) insertTraceService.run(row.trace_key, service, row.start_us);
      // This batch moved the trace's start earlier (or created it): older service rows follow.
      if (row.start_us === agg.startUs) moveTraceStart.run({ traceKey: row.trace_key, startUs: row.start_us });
    }
    for (const log of batch.logs) insertLog.run(logParams(log, resourceId(log.resource)));
    return { spans: stored.length, logs: batch.logs.length };
  });

  return write;
}

function spanParams(span: SpanRecord, resourceId: number): SpanParams {
  return {
    traceId: span.traceId,
    spanId: span.spanId,
    parentSpanId: span.parentSpanId,
    service: span.resource.service,
    name: span.name,
    kind: span.kind,
    startUs: span.startUs,
    endUs: span.endUs,
    status: span.status,
    statusMessage: span.statusMessage,
    httpStatus: span.httpStatus,
    origin: span.origin,
    attributes: JSON.stringify(span.attributes),
    events: JSON.stringify(span.events),
    links: JSON.stringify(span.links),
    resourceId,
    scopeName: span.scope?.name ?? null,
    scopeVersion: span.scope?.version ?? null,
  };
}

function logParams(log: LogRecord, resourceId: number): LogParams {
  return {
    traceId: log.traceId,
    spanId: log.spanId,
    timeUs: log.timeUs,
    severityNumber: log.severityNumber,
    severityText: log.severityText,
    level: log.level,
    service: log.resource.service,
    message: log.message,
    fields: JSON.stringify(log.fields),
    logGroup: log.logGroup,
    resourceId,
  };
}
