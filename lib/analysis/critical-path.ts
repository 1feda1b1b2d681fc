/**
 * The critical path of a trace: the chain of work that the root's latency waited on, as Jaeger and
 * Uber's CRISP define it.
 *
 * Start at the root (the earliest-starting root; orphans count, see span-index.ts) with a cursor at
 * its end. Walk backwards: the child that finished last at or before the cursor is on the path; walk
 * into it the same way; then move the parent's cursor to that child's start and continue with the
 * children that finished at or before it. Time in a span not covered by the chosen children is the
 * span's own critical section.
 *
 * Children are first clipped to their parent's (already clipped) interval, so a child that started
 * before its parent or ended after it only counts for the part inside the parent.
 *
 * Asynchronous children are not on the path, because the parent did not wait for them:
 * - a `consumer` child of a `producer` span, or a child that links to its parent (follows-from),
 *   however it overlaps the parent;
 * - any child with no time inside the parent once clipped: it started at or after the parent
 *   ended (an SQS consumer Lambda that starts after its producer returned), or ended at or before
 *   the parent started. Its whole subtree is off the path too.
 * A child that starts inside its parent and outlives it (a client that timed out while the server
 * kept working) is on the path for the part inside the parent.
 *
 * O(n log n) (each visited span's children are sorted once, then scanned once), iterative.
 */
import type { Span } from "../model";
import { indexSpans, isAsyncChild, pickRoot, type SpanIndex } from "./span-index";

/** A stretch of time during which a span itself (not one of its children) was on the critical path. */
export interface CriticalSection {
  spanId: string;
  start: number;
  end: number;
}

export interface CriticalPath {
  /** Every span on the path, including ones whose whole interval is covered by a child on it. */
  spanIds: Set<string>;
  /** Sorted by start; together they tile the root span's interval exactly, without overlap. */
  sections: CriticalSection[];
}

interface Clipped {
  span: Span;
  start: number;
  end: number;
}

interface Frame extends Clipped {
  cursor: number;
  /** Synchronous children clipped to this span, last-finishing first. */
  children: Clipped[];
  next: number;
}

/** `index`: the spans' index when the caller has built it already. */
export function analyzeCriticalPath(spans: readonly Span[], index: SpanIndex = indexSpans(spans)): CriticalPath {
  const root = pickRoot(index.roots);
  const spanIds = new Set<string>();
  const sections: CriticalSection[] = [];
  if (root === null) return { spanIds, sections };

  const section = (span: Span, start: number, end: number) => {
    if (end > start) sections.push({ spanId: span.spanId, start, end });
  };
  const stack: Frame[] = [];
  const enter = ({ span, start, end }: Clipped) => {
    spanIds.add(span.spanId);
    stack.push({ span, start, end, cursor: end, children: clippedChildren(index, span, start, end), next: 0 });
  };
  enter({ span: root, start: root.startTime, end: Math.max(root.startTime, root.endTime) });

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    let chosen: Clipped | null = null;
    // The cursor only moves backwards, so a child skipped for ending after it never qualifies later.
    while (chosen === null && frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      // A span ID already on the path can only come back through duplicate IDs: skipping it ends the loop.
      if (child.end <= frame.cursor && !spanIds.has(child.span.spanId)) chosen = child;
    }
    if (chosen === null) {
      section(frame.span, frame.start, frame.cursor);
      stack.pop();
    } else {
      section(frame.span, chosen.end, frame.cursor);
      frame.cursor = chosen.start;
      enter(chosen);
    }
  }
  // The cursor only moves backwards, so the walk emits the sections latest first: reversed, they
  // are in order (checked, as a sort of a million-span trace's two million sections took seconds).
  sections.reverse();
  if (!inStartOrder(sections)) sections.sort((a, b) => a.start - b.start);
  return { spanIds, sections };
}

function inStartOrder(sections: readonly CriticalSection[]): boolean {
  for (let i = 1; i < sections.length; i++) if (sections[i].start < sections[i - 1].start) return false;
  return true;
}

/** The IDs of the spans on the critical path (the rule is at the top of this file). */
export function criticalPath(spans: readonly Span[]): Set<string> {
  return analyzeCriticalPath(spans).spanIds;
}

function clippedChildren(index: SpanIndex, parent: Span, from: number, to: number): Clipped[] {
  const out: Clipped[] = [];
  for (const child of index.children.get(parent.spanId) ?? []) {
    if (isAsyncChild(child, parent)) continue;
    const start = Math.max(child.startTime, from);
    const end = Math.min(child.endTime, to);
    if (end > start) out.push({ span: child, start, end });
  }
  // Last-finishing first; on a tie the longer child, which accounts for more of the wait.
  return out.sort((a, b) => b.end - a.end || a.start - b.start || (a.span.spanId < b.span.spanId ? -1 : a.span.spanId > b.span.spanId ? 1 : 0));
}
