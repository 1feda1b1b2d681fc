/**
 * "Where it fails": every downstream call of a service and of the services below it, in the
 * incident window against the baseline (the equal span of time just before), ranked by how much
 * each got worse. One row per caller → callee edge of the service graph.
 */
import type { ServiceGraph, ServiceStats, ServiceType } from "../model";
import { CLIENT_NODE } from "./service-graph";

export interface BreakdownRow {
  caller: string;
  dependency: string;
  type: ServiceType;
  /** Hops from the incident's service: 1 for its own calls. */
  depth: number;
  now: ServiceStats;
  /** null when the call was not made in the baseline. */
  baseline: ServiceStats | null;
  /** Share of calls that failed (errors + faults + throttles), in the window and the baseline. */
  failureRate: number;
  baselineFailureRate: number | null;
  /** How much worse: the rise in failure rate, plus a bounded share for the rise in p99. */
  score: number;
}

const failures = (s: ServiceStats) => s.errors + s.faults + s.throttles;

/**
 * Failure rate with a small prior of healthy calls, so that 1 failure in 2 calls does not outrank
 * 300 in 1,000.
 */
function smoothedRate(s: ServiceStats | null): number {
  if (!s) return 0;
  return failures(s) / (s.requests + 3);
}

/** 0 when p99 held or fell; up to 0.5 as it grows (doubling: 0.25, ten times: 0.45). */
function latencyRise(now: ServiceStats, baseline: ServiceStats | null): number {
  if (!baseline || baseline.requests === 0 || baseline.p99Ms <= 0 || now.p99Ms <= baseline.p99Ms) return 0;
  return 0.5 * (1 - baseline.p99Ms / now.p99Ms);
}

/** The services reachable from `service` along the graph's edges, with their distance. */
export function downstreamDepths(graph: ServiceGraph, service: string): Map<string, number> {
  const out = new Map<string, string[]>();
  for (const e of graph.edges) {
    if (e.target === CLIENT_NODE) continue;
    const list = out.get(e.source) ?? [];
    list.push(e.target);
    out.set(e.source, list);
  }
  const depth = new Map<string, number>([[service, 0]]);
  const queue = [service];
  while (queue.length > 0) {
    const at = queue.shift() as string;
    for (const next of out.get(at) ?? []) {
      if (depth.has(next)) continue;
      depth.set(next, (depth.get(at) ?? 0) + 1);
      queue.push(next);
    }
  }
  return depth;
}

export function dependencyBreakdown(service: string, now: ServiceGraph, baseline: ServiceGraph): BreakdownRow[] {
  const depths = downstreamDepths(now, service);
  const types = new Map(now.nodes.map((n) => [n.name, n.type]));
  const before = new Map(baseline.edges.map((e) => [`${e.source}\u0000${e.target}`, e.stats]));
  const rows: BreakdownRow[] = [];
  for (const e of now.edges) {
    const callerDepth = depths.get(e.source);
    if (callerDepth === undefined || e.target === CLIENT_NODE || e.target === service) continue;
    const base = before.get(`${e.source}\u0000${e.target}`) ?? null;
    const failureRate = e.stats.requests ? failures(e.stats) / e.stats.requests : 0;
    const baselineFailureRate = base && base.requests ? failures(base) / base.requests : null;
    rows.push({
      caller: e.source,
      dependency: e.target,
      type: types.get(e.target) ?? "service",
      depth: callerDepth + 1,
      now: e.stats,
      baseline: base,
      failureRate,
      baselineFailureRate,
      score: smoothedRate(e.stats) - smoothedRate(base) + latencyRise(e.stats, base),
    });
  }
  return rows.sort(
    (a, b) =>
      b.score - a.score ||
      failures(b.now) - failures(a.now) ||
      a.depth - b.depth ||
      a.dependency.localeCompare(b.dependency) ||
      a.caller.localeCompare(b.caller),
  );
}
