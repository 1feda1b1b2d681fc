/**
 * Clock skew: a child that starts before its parent started, or ends after its parent ended, when
 * parent and child were timed by different clocks. The Gantt marks such a child, and by how much.
 *
 * Not flagged, because nothing is wrong with the clocks:
 * - asynchronous children (isAsyncChild: a consumer under a producer, a follows-from link), which
 *   are expected to outlive, or start after, the span that sent them;
 * - parent and child timed by the same clock (see clockOf): one process cannot be skewed against
 *   itself; a child of its own process that outlives the parent is fire-and-forget work;
 * - the end of a child that lasted longer than its parent: it cannot fit inside the parent whatever
 *   the skew, because the parent gave up waiting (a client timeout) or did not wait. Only its start
 *   is checked (the rule of Jaeger's clock-skew adjuster).
 * Orphans have no parent to compare with (span-tree.ts marks them).
 */
import type { Attributes, Span } from "../model";
import { indexSpans, isAsyncChild } from "./span-index";

/** `start`: the child starts before its parent starts. `end`: the child ends after its parent ends. */
type SkewSide = "start" | "end";

export interface SkewFinding {
  parentSpanId: string;
  side: SkewSide;
  /** How far the child sticks out of its parent on that side, in milliseconds (positive). */
  byMs: number;
}

/** Differences this small are timestamp rounding (epoch milliseconds as doubles), not skew: 1 µs. */
const SKEW_TOLERANCE_MS = 0.001;

/** Findings by child span ID. */
export function detectSkew(spans: readonly Span[], toleranceMs = SKEW_TOLERANCE_MS): Map<string, SkewFinding> {
  const { byId } = indexSpans(spans);
  const out = new Map<string, SkewFinding>();
  for (const child of spans) {
    if (child.parentSpanId === null || child.parentSpanId === child.spanId) continue;
    const parent = byId.get(child.parentSpanId);
    if (!parent || isAsyncChild(child, parent) || clockOf(child) === clockOf(parent)) continue;
    const early = parent.startTime - child.startTime;
    const late = child.endTime - parent.endTime;
    const fits = child.endTime - child.startTime <= parent.endTime - parent.startTime;
    if (early > toleranceMs) {
      out.set(child.spanId, { parentSpanId: parent.spanId, side: "start", byMs: early });
    } else if (fits && late > toleranceMs) {
      out.set(child.spanId, { parentSpanId: parent.spanId, side: "end", byMs: late });
    }
  }
  return out;
}

const INSTANCE_KEYS = ["host.id", "host.name", "service.instance.id", "faas.instance"] as const;

/**
 * The clock a span was timed by: its service and origin, plus the first host or instance identity
 * its resource carries. Two spans of one service with no such identity are taken as one process.
 */
function clockOf(span: Span): string {
  return [span.service, span.origin ?? "", instanceOf(span.resource)].join("\u0000");
}

function instanceOf(resource: Attributes): string {
  for (const key of INSTANCE_KEYS) {
    const v = resource[key];
    if (typeof v === "string" && v.length > 0) return v;
  }
  return "";
}
