/**
 * What stays bright on the service map when a service is selected: the service itself, its direct
 * callers and callees, and the edges between them. Everything else is dimmed, never hidden.
 */
import type { ServiceEdge, ServiceGraph } from "../model";

export function edgeKey(edge: Pick<ServiceEdge, "source" | "target">): string {
  return JSON.stringify([edge.source, edge.target]);
}

export interface Neighbourhood {
  nodes: ReadonlySet<string>;
  /** Keys (`edgeKey`) of the edges touching the service. */
  edges: ReadonlySet<string>;
}

/** The neighbourhood of `service`, or null when nothing is selected or it is not on the map. */
export function neighbourhood(graph: ServiceGraph, service: string | null): Neighbourhood | null {
  if (service === null || !graph.nodes.some((n) => n.name === service)) return null;
  const nodes = new Set([service]);
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (e.source !== service && e.target !== service) continue;
    nodes.add(e.source);
    nodes.add(e.target);
    edges.add(edgeKey(e));
  }
  return { nodes, edges };
}
