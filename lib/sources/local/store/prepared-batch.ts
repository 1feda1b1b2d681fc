/**
 * An IngestBatch turned into rows, ready for the writer: JSON columns serialized, resources hashed,
 * each span's inferred callee found. This is the CPU work of a write that needs no database, so it
 * runs on the thread that decoded the request; the writer thread only binds and inserts.
 *
 * Rows are flat arrays of primitives (one array per table, SPAN_FIELDS values per span), the form
 * that crosses to a worker thread cheapest: a structured clone of 512 span objects with nested
 * attributes costs more than the SQLite inserts it feeds.
 */
import { downstreamOf } from "../../../analysis/downstream";
import type { IngestBatch, ResourceRecord } from "../records";
import { resourceKey } from "./resource-key";

export type Cell = string | number | null;

/**
 * Span row layout: the insert's 21 columns in order (resource as an index into `resources`). The
 * last three are the callee that the trace summary counts among the trace's services and the
 * service graph draws as an inferred node, its node type, and the graph rollup's "answered" flag
 * (graph-rollup.ts), which the writer fills in.
 */
export const SPAN_FIELDS = 21;
export const SPAN_RESOURCE = 15;
export const SPAN_CALLEE = 18;
export const SPAN_CALLEE_TYPE = 19;
export const SPAN_ANSWERED = 20;

/** Log row layout: the insert's 11 columns in order (resource as an index into `resources`). */
export const LOG_FIELDS = 11;
export const LOG_RESOURCE = 10;

/** Resource row layout: hash, service, attributes JSON. */
export const RESOURCE_FIELDS = 3;

export interface PreparedBatch {
  resources: Cell[];
  spans: Cell[];
  logs: Cell[];
}

export function prepareBatch(batch: IngestBatch): PreparedBatch {
  const resources: Cell[] = [];
  // Decoders share one ResourceRecord object among the spans of a resource: hash each once.
  const indexOf = new Map<ResourceRecord, number>();
  const resourceIndex = (resource: ResourceRecord): number => {
    let index = indexOf.get(resource);
    if (index === undefined) {
      const key = resourceKey(resource);
      index = resources.length / RESOURCE_FIELDS;
      resources.push(key.hash, resource.service, key.attributesJson);
      indexOf.set(resource, index);
    }
    return index;
  };

  const spans: Cell[] = new Array<Cell>(batch.spans.length * SPAN_FIELDS);
  let i = 0;
  for (const span of batch.spans) {
    spans[i++] = span.traceId;
    spans[i++] = span.spanId;
    spans[i++] = span.parentSpanId;
    spans[i++] = span.resource.service;
    spans[i++] = span.name;
    spans[i++] = span.kind;
    spans[i++] = span.startUs;
    spans[i++] = span.endUs;
    spans[i++] = span.status;
    spans[i++] = span.statusMessage;
    spans[i++] = span.httpStatus;
    spans[i++] = span.origin;
    spans[i++] = JSON.stringify(span.attributes);
    spans[i++] = JSON.stringify(span.events);
    spans[i++] = JSON.stringify(span.links);
    spans[i++] = resourceIndex(span.resource);
    spans[i++] = span.scope?.name ?? null;
    spans[i++] = span.scope?.version ?? null;
    const callee = downstreamOf(span);
    spans[i++] = callee?.name ?? null;
    spans[i++] = callee?.type ?? null;
    spans[i++] = 0;
  }

  const logs: Cell[] = new Array<Cell>(batch.logs.length * LOG_FIELDS);
  i = 0;
  for (const log of batch.logs) {
    logs[i++] = log.traceId;
    logs[i++] = log.spanId;
    logs[i++] = log.timeUs;
    logs[i++] = log.severityNumber;
    logs[i++] = log.severityText;
    logs[i++] = log.level;
    logs[i++] = log.resource.service;
    logs[i++] = log.message;
    logs[i++] = JSON.stringify(log.fields);
    logs[i++] = log.logGroup;
    logs[i++] = resourceIndex(log.resource);
  }
  return { resources, spans, logs };
}
