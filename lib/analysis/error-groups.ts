/**
 * "Top errors": the exceptions and ERROR log lines of an incident window, grouped by type and
 * normalized message (numbers, IDs and hex stripped), most frequent first.
 */

export interface ErrorOccurrence {
  kind: "exception" | "log";
  /** The exception type (`TimeoutError`), or null for a log line. */
  type: string | null;
  message: string;
  service: string;
  /** Epoch milliseconds. */
  time: number;
  traceId: string | null;
}

export interface ErrorGroup {
  kind: ErrorOccurrence["kind"];
  type: string | null;
  /** The normalized message the group shares. */
  pattern: string;
  /** One message as it was written. */
  example: string;
  count: number;
  firstSeen: number;
  lastSeen: number;
  services: string[];
  /** The newest traces that have it (at most 5). */
  traceIds: string[];
}

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const XRAY_ID = /\b1-[0-9a-f]{8}-[0-9a-f]{24}\b/gi;
const HEX = /\b(0x)?[0-9a-f]*\d[0-9a-f]*[a-f][0-9a-f]*\b|\b(0x)?[0-9a-f]*[a-f][0-9a-f]*\d[0-9a-f]*\b/gi;
const PREFIXED_ID = /\b[a-z]{2,6}_[0-9a-z]{8,}\b/gi;
const NUMBER = /\b\d+(\.\d+)?\b/g;

/** The message with what varies between occurrences replaced: `<id>`, `<hex>`, `<n>`. */
export function normalizeMessage(message: string): string {
  return message
    .replace(XRAY_ID, "<id>")
    .replace(UUID, "<id>")
    .replace(PREFIXED_ID, "<id>")
    .replace(HEX, (m) => (m.length >= 6 ? "<hex>" : m))
    .replace(NUMBER, "<n>")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 300);
}

const MAX_GROUPS = 20;

export function groupErrors(occurrences: readonly ErrorOccurrence[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup & { traces: Map<string, number> }>();
  for (const o of occurrences) {
    const pattern = normalizeMessage(o.message);
    const key = `${o.kind}\u0000${o.type ?? ""}\u0000${pattern}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        kind: o.kind,
        type: o.type,
        pattern,
        example: o.message.slice(0, 500),
        count: 0,
        firstSeen: o.time,
        lastSeen: o.time,
        services: [],
        traceIds: [],
        traces: new Map(),
      };
      groups.set(key, g);
    }
    g.count += 1;
    g.firstSeen = Math.min(g.firstSeen, o.time);
    g.lastSeen = Math.max(g.lastSeen, o.time);
    if (!g.services.includes(o.service)) g.services.push(o.service);
    if (o.traceId) g.traces.set(o.traceId, Math.max(g.traces.get(o.traceId) ?? 0, o.time));
  }
  return [...groups.values()]
    .map(({ traces, ...g }) => ({
      ...g,
      services: g.services.sort(),
      traceIds: [...traces.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([id]) => id),
    }))
    .sort((a, b) => b.count - a.count || b.lastSeen - a.lastSeen || a.pattern.localeCompare(b.pattern))
    .slice(0, MAX_GROUPS);
}
