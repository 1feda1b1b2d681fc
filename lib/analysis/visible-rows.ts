/**
 * The Gantt chart's visible rows: a filter (service or span search) keeps the matching spans and
 * their ancestors (dimmed, for context); collapsed spans hide their descendants. One pass over
 * the depth-first rows, O(n), so it keeps up with 100,000-span traces while typing.
 */
import type { Span } from "../model";
import type { TreeRow } from "./span-tree";

export interface VisibleRow extends TreeRow {
  /** False for an ancestor kept only as context for a match below it. */
  matches: boolean;
  collapsed: boolean;
}

export function visibleRows(rows: readonly TreeRow[], predicate: ((span: Span) => boolean) | null, collapsed: ReadonlySet<string>): VisibleRow[] {
  const matches = new Uint8Array(rows.length);
  const keep = new Uint8Array(rows.length);
  if (predicate) {
    const ancestors: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const depth = rows[i].depth;
      ancestors.length = Math.min(ancestors.length, depth);
      if (predicate(rows[i].span)) {
        matches[i] = 1;
        keep[i] = 1;
        for (let a = ancestors.length - 1; a >= 0 && !keep[ancestors[a]]; a--) keep[ancestors[a]] = 1;
      }
      ancestors[depth] = i;
    }
  }
  const out: VisibleRow[] = [];
  let hideBelow = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row.depth <= hideBelow) hideBelow = Infinity;
    if (row.depth > hideBelow) continue;
    if (predicate && !keep[i]) continue;
    const isCollapsed = collapsed.has(row.span.spanId) && row.childCount > 0;
    if (isCollapsed) hideBelow = row.depth;
    out.push({ ...row, matches: predicate ? matches[i] === 1 : true, collapsed: isCollapsed });
  }
  return out;
}

/** Case-insensitive search over a span's name, service, ID and attribute values. */
export function spanSearchPredicate(query: string): ((span: Span) => boolean) | null {
  const q = query.trim().toLowerCase();
  if (!q) return null;
  return (span) =>
    span.name.toLowerCase().includes(q) ||
    span.service.toLowerCase().includes(q) ||
    span.spanId === q ||
    Object.values(span.attributes).some((v) => typeof v === "string" && v.toLowerCase().includes(q));
}
