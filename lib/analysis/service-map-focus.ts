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

/**
 * `neighbours`: the service, its callers and callees. `downstream` (the incident page): also
 * everything below it, however deep, since that is where its failures may come from.
 */
export type FocusReach = "neighbours" | "downstream";

/** The neighbourhood of `service`, or null when nothing is selected or it is not on the map. */
export function neighbourhood(graph: ServiceGraph, service: string | null, reach: FocusReach = "neighbours"): Neighbourhood | null {
  if (service === null || !graph.nodes.some((n) => n.name === service)) return null;
  const below = new Set([service]);
  if (reach === "downstream") {
    const queue = [service];
    while (queue.length > 0) {
      const at = queue.shift() as string;
      for (const e of graph.edges) {
        if (e.source !== at || below.has(e.target)) continue;
        below.add(e.target);
        queue.push(e.target);
      }
    }
  }
  const nodes = new Set(below);
  const edges = new Set<string>();
  for (const e of graph.edges) {
    if (e.target === service || below.has(e.source)) {
      nodes.add(e.source);
      nodes.add(e.target);
      edges.add(edgeKey(e));
    }
  }
  return { nodes, edges };
}
