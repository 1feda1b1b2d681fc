/**
 * What one trace carries, flattened for comparing sets of traces: every `key=value` of its spans'
 * attributes, its processes' resource attributes and its annotations, and the version each service
 * ran. Both sources produce these (the local store from spans, AWS from trace summaries), and the
 * incident page's "What is different" and "Changes" are computed from them.
 */
import type { Attributes, Span, SpanStatus } from "../model";

export interface TraceFacets {
  traceId: string;
  startTime: number;
  durationMs: number;
  status: SpanStatus;
  /** Distinct `[key, value]` pairs, values as text. */
  facets: [string, string][];
  /** The version each service reported (`service.version`), where it did. */
  versions: { service: string; version: string }[];
}

/** Values longer than this are free text (messages, SQL, stack traces), not something to group by. */
const MAX_VALUE_LENGTH = 120;

function scalarText(value: Attributes[string]): string | null {
  if (typeof value === "string") return value.length > 0 && value.length <= MAX_VALUE_LENGTH ? value : null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  if (typeof value === "boolean") return String(value);
  return null;
}

const VERSION_KEYS = ["service.version", "annotation.service.version"];

export function facetsOfSpans(
  summary: Pick<TraceFacets, "traceId" | "startTime" | "durationMs" | "status">,
  spans: readonly Pick<Span, "service" | "attributes" | "resource">[],
): TraceFacets {
  const seen = new Set<string>();
  const facets: [string, string][] = [];
  const versions = new Map<string, string>();
  const add = (key: string, value: Attributes[string]) => {
    const text = scalarText(value);
    if (text === null) return;
    const id = `${key}\u0000${text}`;
    if (seen.has(id)) return;
    seen.add(id);
    facets.push([key, text]);
  };
  const resources = new Set<Attributes>();
  for (const span of spans) {
    for (const [key, value] of Object.entries(span.attributes)) add(key, value);
    if (!resources.has(span.resource)) {
      resources.add(span.resource);
      for (const [key, value] of Object.entries(span.resource)) add(key, value);
    }
    for (const key of VERSION_KEYS) {
      const v = span.resource[key] ?? span.attributes[key];
      if (typeof v === "string" && v && !versions.has(span.service)) versions.set(span.service, v);
    }
  }
  return { ...summary, facets, versions: [...versions].map(([service, version]) => ({ service, version })) };
}
