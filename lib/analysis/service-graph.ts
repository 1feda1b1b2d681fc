/**
 * The service graph of a set of spans (one trace, or every span of a time window), the way X-Ray
 * draws it: a node per service that emits spans, a node per inferred callee (database, AWS API,
 * queue, third-party host), a "client" node for requests that enter from outside, and an edge per
 * caller → callee pair. Node stats count the requests a service served; edge stats the calls made.
 */
import type { ServiceEdge, ServiceGraph, ServiceNode, ServiceStats, ServiceType, Span, SpanStatus } from "../model";
import { downstreamOf } from "./downstream";
import { percentileSorted } from "./percentile";
import { serviceTypeFromOrigin } from "./service-type";

export const CLIENT_NODE = "client";

class StatsAccumulator {
  private durations: number[] = [];
  private counts: Record<SpanStatus, number> = { ok: 0, error: 0, fault: 0, throttle: 0 };

  add(durationMs: number, status: SpanStatus): void {
    this.durations.push(durationMs);
    this.counts[status] += 1;
  }

  finish(): ServiceStats {
    const sorted = this.durations.sort((a, b) => a - b);
    const total = sorted.reduce((s, d) => s + d, 0);
    return {
      requests: sorted.length,
      errors: this.counts.error,
      faults: this.counts.fault,
      throttles: this.counts.throttle,
      avgMs: sorted.length ? total / sorted.length : 0,
      p99Ms: percentileSorted(sorted, 99),
    };
  }
}

type GraphSpan = Pick<
  Span,
  "traceId" | "spanId" | "parentSpanId" | "service" | "kind" | "durationMs" | "status" | "origin" | "attributes"
>;

export function buildServiceGraph(spans: Iterable<GraphSpan>): ServiceGraph {
  const all = Array.from(spans);
  const byId = new Map<string, GraphSpan>();
  for (const s of all) byId.set(`${s.traceId}/${s.spanId}`, s);
  const parentOf = (s: GraphSpan) => (s.parentSpanId ? byId.get(`${s.traceId}/${s.parentSpanId}`) : undefined);

  // Outgoing calls answered by another instrumented service are not inferred nodes.
  const answered = new Set<GraphSpan>();
  for (const s of all) {
    const p = parentOf(s);
    if (p && p.service !== s.service) answered.add(p);
  }

  const nodeTypes = new Map<string, ServiceType>();
  const nodeStats = new Map<string, StatsAccumulator>();
  const edgeStats = new Map<string, StatsAccumulator>();
  const acc = (m: Map<string, StatsAccumulator>, key: string) => {
    let a = m.get(key);
    if (!a) m.set(key, (a = new StatsAccumulator()));
    return a;
  };
  const node = (name: string, type: ServiceType) => {
    const known = nodeTypes.get(name);
    if (!known || known === "service") nodeTypes.set(name, type);
    return acc(nodeStats, name);
  };
  const edge = (source: string, target: string) => acc(edgeStats, `${source}\u0000${target}`);

  for (const s of all) {
    const parent = parentOf(s);
    const ownType = serviceTypeFromOrigin(s.origin);
    if (!nodeTypes.has(s.service)) nodeTypes.set(s.service, ownType);
    if (!parent || parent.service !== s.service) {
      // An entry span: a request this service served.
      node(s.service, ownType).add(s.durationMs, s.status);
      if (!parent && s.parentSpanId === null) {
        node(CLIENT_NODE, "client");
        edge(CLIENT_NODE, s.service).add(s.durationMs, s.status);
      } else if (parent) {
        const via = downstreamOf(parent);
        const caller = parent.service;
        // A message through a queue or topic: caller → queue → consumer.
        if (via && (via.type === "queue" || via.type === "topic")) {
          edge(via.name, s.service).add(s.durationMs, s.status);
        } else {
          const callTime = parent.kind === "client" ? parent.durationMs : s.durationMs;
          const callStatus = parent.kind === "client" ? parent.status : s.status;
          edge(caller, s.service).add(callTime, callStatus);
        }
      }
    }
    const via = downstreamOf(s);
    if (via && (!answered.has(s) || via.type === "queue" || via.type === "topic")) {
      node(via.name, via.type).add(s.durationMs, s.status);
      edge(s.service, via.name).add(s.durationMs, s.status);
    }
  }

  for (const name of nodeTypes.keys()) acc(nodeStats, name);
  const nodes: ServiceNode[] = [...nodeStats.entries()]
    .map(([name, a]) => ({ id: name, name, type: nodeTypes.get(name) ?? "service", stats: a.finish() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const edges: ServiceEdge[] = [...edgeStats.entries()]
    .map(([key, a]) => {
      const [source, target] = key.split("\u0000");
      return { source, target, stats: a.finish() };
    })
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes, edges };
}
