/**
 * The service graph of a set of spans (one trace, or every span of a time window), the way X-Ray
 * draws it: a node per service that emits spans, a node per inferred callee (database, AWS API,
 * queue, third-party host), a "client" node for requests that enter from outside, and an edge per
 * caller → callee pair. Node stats count the requests a service served; edge stats the calls made.
 */
import type { ServiceEdge, ServiceGraph, ServiceNode, ServiceStats, ServiceType, Span, SpanStatus } from "../model";
import { downstreamOf } from "./downstream";
import { nodeRequests } from "./node-requests";
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
    // A typed array sorts numerically, natively: a million-span trace's node holds a million durations.
    const sorted = Float64Array.from(this.durations).sort();
    let total = 0;
    for (let i = 0; i < sorted.length; i++) total += sorted[i];
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

type GraphSpan = Pick<Span, "traceId" | "spanId" | "parentSpanId" | "service" | "kind" | "startTime" | "durationMs" | "status" | "origin" | "attributes">;

/** `parents`: each span's parent (node-requests.ts parentLookup's rules), when the caller knows them already. */
export function buildServiceGraph<S extends GraphSpan>(spans: Iterable<S>, parents?: readonly (S | undefined)[]): ServiceGraph {
  const all = Array.from(spans);

  const nodeTypes = new Map<string, ServiceType>();
  const nodeStats = new Map<string, StatsAccumulator>();
  const acc = (m: Map<string, StatsAccumulator>, key: string) => {
    let a = m.get(key);
    if (!a) m.set(key, (a = new StatsAccumulator()));
    return a;
  };
  const setType = (name: string, type: ServiceType) => {
    const known = nodeTypes.get(name);
    if (!known || known === "service") nodeTypes.set(name, type);
  };
  // By caller, then callee: no key string built per span.
  const edgeStats = new Map<string, Map<string, StatsAccumulator>>();
  const edge = (source: string, target: string) => {
    let targets = edgeStats.get(source);
    if (!targets) edgeStats.set(source, (targets = new Map()));
    return acc(targets, target);
  };

  for (const s of all) if (!nodeTypes.has(s.service)) nodeTypes.set(s.service, serviceTypeFromOrigin(s.origin));

  // Node stats: the requests each node served (one definition, shared with the RED series).
  for (const r of nodeRequests(all, parents)) {
    const s = r.span;
    acc(nodeStats, r.node).add(r.durationMs, r.status);
    if (r.node !== s.service) {
      // An inferred callee: the caller's client span measured the call.
      setType(r.node, downstreamOf(s)?.type ?? "service");
      edge(s.service, r.node).add(s.durationMs, s.status);
      continue;
    }
    setType(s.service, serviceTypeFromOrigin(s.origin));
    const parent = r.parent;
    if (!parent && s.parentSpanId === null) {
      setType(CLIENT_NODE, "client");
      acc(nodeStats, CLIENT_NODE);
      edge(CLIENT_NODE, s.service).add(s.durationMs, s.status);
    } else if (parent) {
      const via = downstreamOf(parent);
      // A message through a queue or topic: caller → queue → consumer.
      if (via && (via.type === "queue" || via.type === "topic")) {
        edge(via.name, s.service).add(s.durationMs, s.status);
      } else {
        const callTime = parent.kind === "client" ? parent.durationMs : s.durationMs;
        const callStatus = parent.kind === "client" ? parent.status : s.status;
        edge(parent.service, s.service).add(callTime, callStatus);
      }
    }
  }

  for (const name of nodeTypes.keys()) acc(nodeStats, name);
  const nodes: ServiceNode[] = [...nodeStats.entries()]
    .map(([name, a]) => ({ id: name, name, type: nodeTypes.get(name) ?? "service", stats: a.finish() }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const edges: ServiceEdge[] = [...edgeStats.entries()]
    .flatMap(([source, targets]) => [...targets.entries()].map(([target, a]) => ({ source, target, stats: a.finish() })))
    .sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes, edges };
}
