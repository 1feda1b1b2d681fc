/**
 * "Where it fails": every downstream call of a service and of the services below it, in the
 * incident window against the baseline (the equal span of time just before), ranked by how much
 * each got worse. One row per caller → callee edge of the service graph.
 */
import type { ServiceEdge, ServiceGraph, ServiceStats, ServiceType } from "../model";
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
  /**
   * The call below the dependency that accounts for its failures or its latency (the dependency
   * only passed them on), or null when they are its own.
   */
  explainedBy: string | null;
  /**
   * How much worse: the rise in failure rate, plus a bounded share for the rise in p99; the part a
   * call below explains counts for little, so the origin outranks the services that pass it on.
   */
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
  const outgoing = new Map<string, ServiceEdge[]>();
  for (const e of now.edges) outgoing.set(e.source, [...(outgoing.get(e.source) ?? []), e]);
  const rows: BreakdownRow[] = [];
  for (const e of now.edges) {
    const callerDepth = depths.get(e.source);
    if (callerDepth === undefined || e.target === CLIENT_NODE || e.target === service) continue;
    const base = before.get(`${e.source}\u0000${e.target}`) ?? null;
    const failureRate = e.stats.requests ? failures(e.stats) / e.stats.requests : 0;
    const baselineFailureRate = base && base.requests ? failures(base) / base.requests : null;
    const below = (outgoing.get(e.target) ?? []).filter((b) => b.target !== e.source);
    const failingBelow = below.reduce((n, b) => n + failures(b.stats), 0);
    const failed = failures(e.stats);
    const explainedFailures = failed > 0 ? Math.min(1, failingBelow / failed) : 0;
    const slowest = below.reduce<ServiceEdge | null>((m, b) => (!m || b.stats.p99Ms > m.stats.p99Ms ? b : m), null);
    const latencyExplained = slowest !== null && e.stats.p99Ms > 0 && slowest.stats.p99Ms >= 0.8 * e.stats.p99Ms;
    const worstBelow = below.reduce<ServiceEdge | null>((m, b) => (!m || failures(b.stats) > failures(m.stats) ? b : m), null);
    const explainedBy = explainedFailures >= 0.5 && worstBelow ? worstBelow.target : failed === 0 && latencyExplained && slowest ? slowest.target : null;
    const failurePart = (smoothedRate(e.stats) - smoothedRate(base)) * (1 - 0.8 * explainedFailures);
    const latencyPart = latencyRise(e.stats, base) * (latencyExplained ? 0.2 : 1);
    rows.push({
      caller: e.source,
      dependency: e.target,
      type: types.get(e.target) ?? "service",
      depth: callerDepth + 1,
      now: e.stats,
      baseline: base,
      failureRate,
      baselineFailureRate,
      explainedBy,
      score: failurePart + latencyPart,
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
