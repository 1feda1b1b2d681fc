/**
 * Small service maps laid out synchronously on the main thread with dagre (~50 KB, ~17 KB
 * gzipped), instead of loading ELK (1.6 MB) into a worker: a trace's map of a handful of services
 * then draws in the same frame as the Gantt and the logs. Cold, ELK took 0.5–5 s on this machine to
 * download, compile and run its first layout; dagre lays out a 40-node graph in milliseconds.
 *
 * dagre lays out the very ELK graph `toElkGraph` builds (node boxes with their ring ports, edge
 * labels), and answers in ELK's shape, so `readElkLayout` reads both engines' results the same
 * way. Edges are routed orthogonally, as ELK routes them: out of the caller's port along the flow,
 * through dagre's waypoints (its dummy nodes and the label's place), into the callee's port.
 * Compact maps (COMPACT_FROM nodes and more: a fleet) keep ELK, whose bounded layering they need.
 */
import dagre from "@dagrejs/dagre";
import type { ElkEdgeSection, ElkExtendedEdge, ElkLabel, ElkNode, ElkPoint } from "elkjs/lib/elk-api";
import type { ServiceGraph } from "../model";
import { canonicalOrder, COMPACT_FROM, mapDirection, readElkLayout, toElkGraph, type MapDirection, type MapLayout } from "./service-map-elk";

/** Graphs with fewer nodes than this are laid out by `layoutSmallServiceMap` (the others are compact, and ELK's). */
export const MAIN_THREAD_MAX_NODES = COMPACT_FROM - 1;

/** A graph `layoutSmallServiceMap` lays out (at once, on the main thread or the server). */
export const laidOutAtOnce = (graph: ServiceGraph) => graph.nodes.length > 0 && graph.nodes.length <= MAIN_THREAD_MAX_NODES;

/** Straight run out of a port (and into one) before an edge turns. */
const STUB = 12;

const num = (options: Record<string, string> | undefined, key: string, fallback: number): number => {
  const v = Number(options?.[key]);
  return Number.isFinite(v) ? v : fallback;
};

/** The node id a port id (`n3.out`) belongs to. */
const portOwner = (port: string) => port.slice(0, port.lastIndexOf("."));

/**
 * Orthogonal route from `start` to `end` through `via`, the main axis being x (left to right) or y
 * (top to bottom): each step runs along the main axis to halfway, across, then on to the next point.
 */
function orthogonalRoute(start: ElkPoint, via: ElkPoint[], end: ElkPoint, down: boolean): ElkPoint[] {
  const along = (p: ElkPoint, d: number): ElkPoint => (down ? { x: p.x, y: p.y + d } : { x: p.x + d, y: p.y });
  const stops = [along(start, STUB), ...via, along(end, -STUB)];
  const route: ElkPoint[] = [stops[0]];
  for (let i = 1; i < stops.length; i++) {
    const a = route[route.length - 1];
    const b = stops[i];
    if (down ? a.x !== b.x : a.y !== b.y) {
      const mid = down ? (a.y + b.y) / 2 : (a.x + b.x) / 2;
      route.push(down ? { x: a.x, y: mid } : { x: mid, y: a.y }, down ? { x: b.x, y: mid } : { x: mid, y: b.y });
    }
    route.push(b);
  }
  return route;
}

/** A loop from a node's out port round its far side back to its in port (a service calling itself). */
function selfLoop(node: ElkNode, start: ElkPoint, end: ElkPoint, down: boolean): ElkPoint[] {
  const x = node.x ?? 0;
  const y = node.y ?? 0;
  if (down) {
    const right = x + (node.width ?? 0) + STUB;
    return [
      { x: start.x, y: start.y + STUB },
      { x: right, y: start.y + STUB },
      { x: right, y: end.y - STUB },
      { x: end.x, y: end.y - STUB },
    ];
  }
  const top = y - STUB;
  return [
    { x: start.x + STUB, y: start.y },
    { x: start.x + STUB, y: top },
    { x: end.x - STUB, y: top },
    { x: end.x - STUB, y: end.y },
  ];
}

/**
 * Lays out an ELK graph as built by `toElkGraph` (layered options, fixed ports, centred edge labels)
 * with dagre, and returns it as ELK would: node positions, one section per edge, label positions.
 */
function layoutElkGraphWithDagre(root: ElkNode): ElkNode {
  const options = root.layoutOptions;
  const down = options?.["elk.direction"] === "DOWN";
  const [padTop, padLeft] = (/top=(\d+).*left=(\d+)/.exec(options?.["elk.padding"] ?? "") ?? [0, 16, 16]).slice(1).map(Number);
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({
    rankdir: down ? "TB" : "LR",
    nodesep: num(options, "elk.spacing.nodeNode", 22),
    ranksep: num(options, "elk.layered.spacing.nodeNodeBetweenLayers", 28),
    edgesep: num(options, "elk.spacing.edgeEdge", 8),
    marginx: padLeft,
    marginy: padTop,
  });
  g.setDefaultEdgeLabel(() => ({}));
  const children = root.children ?? [];
  for (const c of children) g.setNode(c.id, { width: c.width ?? 0, height: c.height ?? 0 });
  const edges = root.edges ?? [];
  for (const e of edges) {
    const label = e.labels?.[0];
    g.setEdge(portOwner(e.sources[0]), portOwner(e.targets[0]), label ? { width: label.width ?? 0, height: label.height ?? 0, labelpos: "c" } : {}, e.id);
  }
  dagre.layout(g);

  const placed = new Map<string, ElkNode>();
  const laidChildren = children.map((c) => {
    const n = g.node(c.id);
    const out = { ...c, x: (n.x ?? 0) - (c.width ?? 0) / 2, y: (n.y ?? 0) - (c.height ?? 0) / 2 };
    placed.set(c.id, out);
    return out;
  });
  const portPoint = (portId: string): ElkPoint => {
    const node = placed.get(portOwner(portId))!;
    const port = node.ports?.find((p) => p.id === portId);
    return { x: (node.x ?? 0) + (port?.x ?? 0), y: (node.y ?? 0) + (port?.y ?? 0) };
  };
  const laidEdges: ElkExtendedEdge[] = edges.map((e) => {
    const source = portOwner(e.sources[0]);
    const target = portOwner(e.targets[0]);
    const d = g.edge({ v: source, w: target, name: e.id });
    const start = portPoint(e.sources[0]);
    const end = portPoint(e.targets[0]);
    // dagre's first and last points are where the edge meets the node boxes: the ports replace them.
    const via = (d.points ?? []).slice(1, -1);
    const bends = source === target ? selfLoop(placed.get(source)!, start, end, down) : orthogonalRoute(start, via, end, down);
    const section: ElkEdgeSection = { id: `${e.id}.s`, startPoint: start, endPoint: end, bendPoints: bends };
    const labels: ElkLabel[] = (e.labels ?? []).map((l) => ({
      ...l,
      x: (d.x ?? (start.x + end.x) / 2) - (l.width ?? 0) / 2,
      y: (d.y ?? (start.y + end.y) / 2) - (l.height ?? 0) / 2,
    }));
    return { ...e, sections: [section], labels };
  });
  const size = g.graph();
  return { ...root, children: laidChildren, edges: laidEdges, width: size.width ?? 0, height: size.height ?? 0 };
}

/** Laid-out graphs kept by `layoutSmallServiceMap`, by their input geometry (the least recently used dropped first). */
export const LAYOUT_CACHE_SIZE = 100;

/**
 * Where dagre put things, by position in the input, as flat lists of numbers (compact: the trace
 * page sends it with the page): each node's corner (x, y, x, y, …); each edge's route from its
 * start through its bends to its end (x, y, …) and its label's corner (x, y; empty without one).
 */
interface Geometry {
  nodes: number[];
  routes: number[][];
  labels: number[][];
  width: number;
  height: number;
}

const cache = new Map<string, Geometry>();

function remember(key: string, geometry: Geometry): void {
  cache.delete(key);
  cache.set(key, geometry);
  if (cache.size > LAYOUT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
}

/** 53-bit hash of a string, in base 36 (cyrb53). */
function hash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Everything dagre's answer depends on, and nothing else: the direction and padding, the node
 * boxes and their ports, each edge's ends and label size (not its text: two traces whose maps have
 * the same shape and label widths share one layout); hashed.
 */
function geometryKey(root: ElkNode): string {
  const nodes = (root.children ?? []).map((c) => `${c.id}:${c.width}x${c.height}@${(c.ports ?? []).map((p) => `${p.x},${p.y}`).join("/")}`);
  const edges = (root.edges ?? []).map((e) => `${e.id}:${e.sources[0]}>${e.targets[0]}:${(e.labels ?? []).map((l) => `${l.width}x${l.height}`).join("/")}`);
  return hash(`${JSON.stringify(root.layoutOptions)}|${nodes.join(";")}|${edges.join(";")}`);
}

const flat = (points: ElkPoint[]) => points.flatMap((p) => [p.x, p.y]);

function pointsOf(numbers: number[]): ElkPoint[] {
  const points: ElkPoint[] = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) points.push({ x: numbers[i], y: numbers[i + 1] });
  return points;
}

function geometryOf(laidOut: ElkNode): Geometry {
  const edges = laidOut.edges ?? [];
  return {
    nodes: (laidOut.children ?? []).flatMap((c) => [c.x ?? 0, c.y ?? 0]),
    routes: edges.map((e) => {
      const s = e.sections![0];
      return flat([s.startPoint, ...(s.bendPoints ?? []), s.endPoint]);
    }),
    labels: edges.map((e) => {
      const l = e.labels?.[0];
      return l ? [l.x ?? 0, l.y ?? 0] : [];
    }),
    width: laidOut.width ?? 0,
    height: laidOut.height ?? 0,
  };
}

/** `root` laid out as `geometry` says (its own label texts kept; new objects, shared with no other layout). */
function withGeometry(root: ElkNode, geometry: Geometry): ElkNode {
  return {
    ...root,
    children: (root.children ?? []).map((c, i) => ({ ...c, x: geometry.nodes[2 * i], y: geometry.nodes[2 * i + 1] })),
    edges: (root.edges ?? []).map((e, i) => {
      const route = pointsOf(geometry.routes[i]);
      const section: ElkEdgeSection = { id: `${e.id}.s`, startPoint: route[0], endPoint: route[route.length - 1], bendPoints: route.slice(1, -1) };
      const [x, y] = geometry.labels[i];
      return { ...e, sections: [section], labels: (e.labels ?? []).map((l) => ({ ...l, x, y })) };
    }),
    width: geometry.width,
    height: geometry.height,
  };
}

/**
 * dagre's layout of `root`, from the cache when a graph of the same geometry was laid out before.
 * A dense map costs dagre tens of milliseconds (hundreds on a loaded machine: a 9-service map with
 * 50 labelled edges is ~400 dummy nodes over 16 ranks), and the trace page's server render lays
 * out the same map on every request for a trace, as its hydrating render does again in the browser.
 */
function cachedDagreLayout(root: ElkNode): ElkNode {
  const key = geometryKey(root);
  const geometry = cache.get(key) ?? geometryOf(layoutElkGraphWithDagre(root));
  remember(key, geometry);
  return withGeometry(root, geometry);
}

/**
 * Lays a small graph (under COMPACT_FROM nodes) out for a panel of aspect ratio `aspect`, at once:
 * the direction chosen as `layoutServiceMap` chooses it, the geometry read as ELK's is.
 */
export function layoutSmallServiceMap(unordered: ServiceGraph, aspect: number): MapLayout {
  const graph = canonicalOrder(unordered);
  const direction: MapDirection = mapDirection(graph, aspect);
  return readElkLayout(graph, cachedDagreLayout(toElkGraph(graph, direction)), direction);
}

/**
 * One cached layout, as sent from the server to the browser with the page: there `seedLayout` puts
 * it in the browser's cache, so the render that hydrates the map does not lay it out again.
 */
export interface LayoutSeed {
  key: string;
  geometry: Geometry;
}

/** Lays `graph` out as `layoutSmallServiceMap` does (from the cache if it can), and answers the cache entry. */
export function layoutSeedOf(unordered: ServiceGraph, aspect: number): LayoutSeed {
  const graph = canonicalOrder(unordered);
  const root = toElkGraph(graph, mapDirection(graph, aspect));
  cachedDagreLayout(root);
  const key = geometryKey(root);
  return { key, geometry: cache.get(key)! };
}

/** Adds a layout made elsewhere (`layoutSeedOf` on the server) to this cache. */
export function seedLayout(seed: LayoutSeed): void {
  if (!cache.has(seed.key)) remember(seed.key, seed.geometry);
}
