/**
 * GetServiceGraph / GetTraceGraph Services from segment documents:
 * - one node per service (segment name + origin type), inferred segments included, with the
 *   statistics and histograms of that service's segments; `Root` for services with a segment
 *   that has no parent;
 * - one edge caller → callee for each segment whose parent_id names an entry of another segment;
 *   the edge is timed and judged by the caller's subsegment (the client side of the call), or by
 *   the callee segment when the parent is a segment itself.
 * No client node is emitted (see the README's assumptions).
 */
import type { JsonObject } from "../input";
import { type SegmentDoc, num, outcomeOf, str, walkEntries } from "./segment-doc";
import { round3 } from "./segment-store";
import { StatsAccumulator } from "./statistics";
import { serviceIdOf, serviceKey } from "./trace-summary";

interface Span {
  start: number;
  end: number;
}

interface NodeAcc {
  doc: SegmentDoc;
  root: boolean;
  span: Span;
  stats: StatsAccumulator;
  edges: Map<string, { span: Span; stats: StatsAccumulator }>;
}

function widen(span: Span, start: number, end: number): void {
  span.start = Math.min(span.start, start);
  span.end = Math.max(span.end, end);
}

function entryTime(entry: JsonObject): number | null {
  const start = num(entry, "start_time");
  const end = num(entry, "end_time");
  return start !== null && end !== null ? round3(end - start) : null;
}

/** The graph of these segments (all documents of the traces concerned, inferred ones included). */
export function serviceGraph(docs: readonly SegmentDoc[]): JsonObject[] {
  const nodes = new Map<string, NodeAcc>();
  const owners = new Map<string, { doc: SegmentDoc; entry: JsonObject; isSegment: boolean }>();
  for (const doc of docs) {
    walkEntries(doc.raw).forEach((entry, index) => {
      const id = str(entry, "id");
      if (id) owners.set(`${doc.traceId}/${id}`, { doc, entry, isSegment: index === 0 });
    });
  }

  for (const doc of docs) {
    const key = serviceKey(doc);
    const end = doc.end ?? doc.start;
    let node = nodes.get(key);
    if (!node) {
      node = { doc, root: false, span: { start: doc.start, end }, stats: new StatsAccumulator(), edges: new Map() };
      nodes.set(key, node);
    }
    node.root ||= doc.parentId === null;
    widen(node.span, doc.start, end);
    node.stats.add(outcomeOf(doc.raw), doc.end === null ? null : round3(doc.end - doc.start));
  }

  for (const doc of docs) {
    if (doc.parentId === null) continue;
    const caller = owners.get(`${doc.traceId}/${doc.parentId}`);
    if (!caller) continue;
    const from = nodes.get(serviceKey(caller.doc));
    if (!from) continue;
    const calleeKey = serviceKey(doc);
    let edge = from.edges.get(calleeKey);
    const end = doc.end ?? doc.start;
    if (!edge) {
      edge = { span: { start: doc.start, end }, stats: new StatsAccumulator() };
      from.edges.set(calleeKey, edge);
    }
    widen(edge.span, doc.start, end);
    if (caller.isSegment) edge.stats.add(outcomeOf(doc.raw), doc.end === null ? null : round3(doc.end - doc.start));
    else edge.stats.add(outcomeOf(caller.entry), entryTime(caller.entry));
  }

  const refIds = new Map([...nodes.keys()].map((key, i) => [key, i]));
  return [...nodes.entries()].map(([key, node]) => ({
    ReferenceId: refIds.get(key),
    ...serviceIdOf(node.doc),
    Root: node.root,
    State: "active",
    StartTime: node.span.start,
    EndTime: node.span.end,
    Edges: [...node.edges.entries()].map(([to, edge]) => ({
      ReferenceId: refIds.get(to),
      StartTime: edge.span.start,
      EndTime: edge.span.end,
      SummaryStatistics: edge.stats.summary(),
      ResponseTimeHistogram: edge.stats.histogramEntries(),
      Aliases: [],
    })),
    SummaryStatistics: node.stats.summary(),
    DurationHistogram: node.stats.histogramEntries(),
    ResponseTimeHistogram: node.stats.histogramEntries(),
  }));
}
