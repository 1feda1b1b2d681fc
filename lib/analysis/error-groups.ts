/**
 * "Top errors": the exceptions and ERROR log lines of an incident window, grouped by type and
 * pattern (logPattern: numbers, IDs and hex stripped, as "lines like this" matches them), most
 * frequent first.
 */
import { logPattern } from "./log-pattern";

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

const MAX_GROUPS = 20;

export function groupErrors(occurrences: readonly ErrorOccurrence[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup & { traces: Map<string, number> }>();
  for (const o of occurrences) {
    const pattern = logPattern(o.message);
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
