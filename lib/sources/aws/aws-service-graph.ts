/**
 * getServiceGraph on X-Ray: GetServiceGraph for the window → the model's ServiceGraph.
 *
 * - Node: one per X-Ray service. Its type comes from the X-Ray `Type` (`AWS::Lambda::Function`,
 *   `AWS::DynamoDB::Table`, `remote`, …) through serviceTypeFromOrigin; X-Ray's `client` node is
 *   the node `client`, as in the local source's graphs. Its id is its name, unless two services
 *   share a name (a Lambda function's `AWS::Lambda` and `AWS::Lambda::Function` nodes do): then
 *   each id is `name (Type)`.
 * - Stats (node: SummaryStatistics; edge: the edge's): requests = TotalCount,
 *   errors = ErrorStatistics.OtherCount (4xx but 429), throttles = ErrorStatistics.ThrottleCount,
 *   faults = FaultStatistics.TotalCount, avgMs = TotalResponseTime / TotalCount (seconds → ms),
 *   p99Ms = the nearest-rank 99th percentile of ResponseTimeHistogram (Value in seconds, Count).
 * - Pages (NextToken) are merged by ReferenceId, up to a bounded number of pages.
 */
import { GetServiceGraphCommand, type Service, type XRayClient } from "@aws-sdk/client-xray";
import { CLIENT_NODE } from "../../analysis/service-graph";
import { serviceTypeFromOrigin } from "../../analysis/service-type";
import type { ServiceEdge, ServiceGraph, ServiceNode, ServiceStats, ServiceType, TimeWindow } from "../../model";
import { toApiError } from "./aws-errors";

const MAX_PAGES = 10;

interface XRayStats {
  TotalCount?: number;
  TotalResponseTime?: number;
  ErrorStatistics?: { ThrottleCount?: number; OtherCount?: number };
  FaultStatistics?: { TotalCount?: number };
}

interface HistogramEntry {
  Value?: number;
  Count?: number;
}

/** Nearest-rank percentile of a histogram of seconds, in milliseconds; 0 when it is empty. */
export function histogramPercentileMs(histogram: readonly HistogramEntry[], p: number): number {
  const entries = histogram
    .filter((e): e is { Value: number; Count: number } => Number.isFinite(e.Value) && Number.isFinite(e.Count) && (e.Count ?? 0) > 0)
    .sort((a, b) => a.Value - b.Value);
  const total = entries.reduce((sum, e) => sum + e.Count, 0);
  if (total === 0) return 0;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const entry of entries) {
    seen += entry.Count;
    if (seen >= rank) return entry.Value * 1000;
  }
  return entries[entries.length - 1].Value * 1000;
}

export function serviceStats(stats: XRayStats | undefined, histogram: readonly HistogramEntry[] | undefined): ServiceStats {
  const requests = stats?.TotalCount ?? 0;
  return {
    requests,
    errors: stats?.ErrorStatistics?.OtherCount ?? 0,
    faults: stats?.FaultStatistics?.TotalCount ?? 0,
    throttles: stats?.ErrorStatistics?.ThrottleCount ?? 0,
    avgMs: requests > 0 ? ((stats?.TotalResponseTime ?? 0) / requests) * 1000 : 0,
    p99Ms: histogramPercentileMs(histogram ?? [], 99),
  };
}

function nodeType(xrayType: string | undefined): ServiceType {
  return xrayType === "client" ? "client" : serviceTypeFromOrigin(xrayType ?? null);
}

/** GetServiceGraph's Services → nodes and edges. */
export function serviceGraphFromXRay(services: readonly Service[]): ServiceGraph {
  const named = services.filter((s): s is Service & { ReferenceId: number } => s.ReferenceId !== undefined);
  const nameOf = (s: Service) => (s.Type === "client" ? CLIENT_NODE : (s.Name ?? `service ${s.ReferenceId}`));
  const nameCount = new Map<string, number>();
  for (const s of named) nameCount.set(nameOf(s), (nameCount.get(nameOf(s)) ?? 0) + 1);
  const idOf = new Map<number, string>();
  for (const s of named) {
    const name = nameOf(s);
    idOf.set(s.ReferenceId, (nameCount.get(name) ?? 0) > 1 ? `${name} (${s.Type ?? "service"})` : name);
  }

  const nodes: ServiceNode[] = named.map((s) => ({
    id: idOf.get(s.ReferenceId) ?? nameOf(s),
    name: nameOf(s),
    type: nodeType(s.Type),
    stats: serviceStats(s.SummaryStatistics, s.ResponseTimeHistogram),
  }));
  const edges: ServiceEdge[] = [];
  for (const s of named) {
    for (const edge of s.Edges ?? []) {
      const target = edge.ReferenceId === undefined ? undefined : idOf.get(edge.ReferenceId);
      const source = idOf.get(s.ReferenceId);
      if (source === undefined || target === undefined) continue;
      edges.push({ source, target, stats: serviceStats(edge.SummaryStatistics, edge.ResponseTimeHistogram) });
    }
  }
  nodes.sort((a, b) => a.id.localeCompare(b.id));
  edges.sort((a, b) => a.source.localeCompare(b.source) || a.target.localeCompare(b.target));
  return { nodes, edges };
}

export async function getXRayServiceGraph(xray: XRayClient, window: TimeWindow): Promise<ServiceGraph> {
  const byReference = new Map<number, Service>();
  let nextToken: string | undefined;
  let pages = 0;
  try {
    do {
      pages += 1;
      const answer = await xray.send(new GetServiceGraphCommand({ StartTime: new Date(window.from), EndTime: new Date(window.to), NextToken: nextToken }));
      for (const service of answer.Services ?? []) {
        if (service.ReferenceId !== undefined) byReference.set(service.ReferenceId, service);
      }
      nextToken = answer.NextToken;
    } while (nextToken && pages < MAX_PAGES);
  } catch (error) {
    throw toApiError(error, "xray:GetServiceGraph");
  }
  return serviceGraphFromXRay([...byReference.values()]);
}
