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
 * O(n log n) (each visited span's children are sorted once, then scanned once), iterative, over the
 * spans' positions (span-positions.ts).
 */
import type { Span } from "../model";
import { isAsyncChild, pickRoot } from "./span-index";
import { positionSpans, type SpanPositions } from "./span-positions";

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

/** The critical path by position: what a large trace's outline keeps per row. */
export interface PositionedCriticalPath {
  /** 1 for each position on the path. */
  onPath: Uint8Array;
  /** As CriticalPath's. */
  sections: CriticalSection[];
  /** The position of each section's span. */
  sectionPositions: number[];
}

interface Clipped {
  position: number;
  start: number;
  end: number;
}

interface Frame extends Clipped {
  cursor: number;
  /** Synchronous children clipped to this span, last-finishing first. */
  children: Clipped[];
  next: number;
}

/** `positioned`: the spans' positions when the caller has them already. */
export function analyzeCriticalPath(spans: readonly Span[], positioned: SpanPositions = positionSpans(spans)): CriticalPath {
  const path = criticalPathOf(positioned);
  const spanIds = new Set<string>();
  for (let p = 0; p < path.onPath.length; p++) if (path.onPath[p] === 1) spanIds.add(spans[p].spanId);
  return { spanIds, sections: path.sections };
}

export function criticalPathOf(positioned: SpanPositions): PositionedCriticalPath {
  const { spans } = positioned;
  const onPath = new Uint8Array(spans.length);
  let sections: CriticalSection[] = [];
  let sectionPositions: number[] = [];
  const rootSpans = positioned.roots.map((p) => spans[p]);
  const rootSpan = pickRoot(rootSpans);
  if (rootSpan === null) return { onPath, sections, sectionPositions };
  const root = positioned.roots[rootSpans.indexOf(rootSpan)];

  const section = (position: number, start: number, end: number) => {
    if (end > start) {
      sections.push({ spanId: spans[position].spanId, start, end });
      sectionPositions.push(position);
    }
  };
  const stack: Frame[] = [];
  const enter = ({ position, start, end }: Clipped) => {
    onPath[position] = 1;
    stack.push({ position, start, end, cursor: end, children: clippedChildren(positioned, position, start, end), next: 0 });
  };
  enter({ position: root, start: rootSpan.startTime, end: Math.max(rootSpan.startTime, rootSpan.endTime) });

  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    let chosen: Clipped | null = null;
    // The cursor only moves backwards, so a child skipped for ending after it never qualifies later.
    while (chosen === null && frame.next < frame.children.length) {
      const child = frame.children[frame.next++];
      if (child.end <= frame.cursor && onPath[child.position] === 0) chosen = child;
    }
    if (chosen === null) {
      section(frame.position, frame.start, frame.cursor);
      stack.pop();
    } else {
      section(frame.position, chosen.end, frame.cursor);
      frame.cursor = chosen.start;
      enter(chosen);
    }
  }
  // The cursor only moves backwards, so the walk emits the sections latest first: reversed, they
  // are in order (checked, as a sort of a million-span trace's two million sections took seconds).
  sections.reverse();
  sectionPositions.reverse();
  if (!inStartOrder(sections)) {
    const order = sections.map((_, k) => k).sort((a, b) => sections[a].start - sections[b].start || a - b);
    sections = order.map((k) => sections[k]);
    sectionPositions = order.map((k) => sectionPositions[k]);
  }
  return { onPath, sections, sectionPositions };
}

function inStartOrder(sections: readonly CriticalSection[]): boolean {
  for (let i = 1; i < sections.length; i++) if (sections[i].start < sections[i - 1].start) return false;
  return true;
}

/** The IDs of the spans on the critical path (the rule is at the top of this file). */
export function criticalPath(spans: readonly Span[]): Set<string> {
  return analyzeCriticalPath(spans).spanIds;
}

function clippedChildren(positioned: SpanPositions, parent: number, from: number, to: number): Clipped[] {
  const { spans, childStart, children } = positioned;
  const parentSpan = spans[parent];
  const out: Clipped[] = [];
  for (let k = childStart[parent]; k < childStart[parent + 1]; k++) {
    const position = children[k];
    const child = spans[position];
    if (isAsyncChild(child, parentSpan)) continue;
    const start = Math.max(child.startTime, from);
    const end = Math.min(child.endTime, to);
    if (end > start) out.push({ position, start, end });
  }
  // Last-finishing first; on a tie the longer child, which accounts for more of the wait.
  return out.sort((a, b) => {
    const x = spans[a.position].spanId;
    const y = spans[b.position].spanId;
    return b.end - a.end || a.start - b.start || (x < y ? -1 : x > y ? 1 : 0);
  });
}
