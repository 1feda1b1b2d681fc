/**
 * The service map's layout through ELK (layered): the ELK graph built from a ServiceGraph, and the
 * laid-out ELK graph read back into what the map draws.
 *
 * Calls flow left to right (X-Ray's convention), with each node's name and stats under its ring.
 * A deep trace in a tall, narrow panel (the trace page's usual shape) would then shrink to an
 * unreadable strip, so the map is also laid out top to bottom, names beside the rings, and that
 * layout is used when it draws clearly larger in the panel.
 *
 * Each node box has one fixed port on its incoming side and one on its outgoing side, in line with
 * the ring's centre, so ELK routes every edge into the side of the circle; the short stretch
 * between the ring and the box side is added back here.
 */
import type { ElkExtendedEdge, ElkNode, ElkPort } from "elkjs/lib/elk-api";
import type { ServiceEdge, ServiceGraph, ServiceNode, SpanStatus } from "../model";
import { statusRank } from "../model";
import { worstStatusOf } from "./health-ring";
import { edgeLabelText, nodeStatsText, textWidth, truncateToWidth } from "./service-map-labels";

export type MapDirection = "RIGHT" | "DOWN";

/** Node geometry, in SVG user units (1 unit = 1 CSS pixel at zoom 1). */
export const NODE = {
  /** Radius of the filled circle holding the type glyph. */
  circleR: 17,
  /** Radius of the health ring's centre line. */
  ringR: 22,
  ringWidth: 5,
  nameFont: 11.5,
  statsFont: 10,
  /** Longest node name drawn before truncation. */
  maxNameWidth: 110,
  /** Text under the ring (RIGHT): baselines below the ring's bottom. */
  nameGap: 14,
  statsGap: 27.5,
  bottomPad: 4,
  /** Text beside the ring (DOWN): gap after the ring, and baselines around its centre. */
  sideGap: 10,
  sideNameY: -2,
  sideStatsY: 11,
} as const;

export const EDGE_LABEL = { font: 10, padX: 3, height: 13 } as const;

/** Outer edge of the ring: where edges start and arrows end. */
export const RING_OUTER = NODE.ringR + NODE.ringWidth / 2;

/** Size of a node's circle, ring and glyph, in user units. */
interface RingGeometry {
  circleR: number;
  ringR: number;
  ringWidth: number;
  /** Outer edge of the ring. */
  outer: number;
  glyph: number;
}

const RING_NORMAL: RingGeometry = { circleR: NODE.circleR, ringR: NODE.ringR, ringWidth: NODE.ringWidth, outer: RING_OUTER, glyph: 18 };

/**
 * Large graphs (a window of a whole fleet) are drawn compact: a smaller ring with the name and
 * stats beside it, no edge labels (the edge's tooltip and panel have them), and layers of at most
 * a bounded number of nodes, so a hundred services fit a screen instead of a 7000-unit-tall column.
 */
export const COMPACT_FROM = 40;
const RING_COMPACT: RingGeometry = { circleR: 8.5, ringR: 12, ringWidth: 4, outer: 14, glyph: 11 };
/** Gap between nodes of a layer, and between layers, in compact layouts. */
const COMPACT_NODE_GAP = 8;
const COMPACT_LAYER_GAP = 24;

const LAYOUT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.padding": "[top=16,left=16,bottom=16,right=16]",
  "elk.spacing.nodeNode": "22",
  "elk.spacing.edgeNode": "10",
  "elk.spacing.edgeEdge": "8",
  "elk.spacing.edgeLabel": "3",
  "elk.layered.spacing.nodeNodeBetweenLayers": "28",
  "elk.layered.spacing.edgeNodeBetweenLayers": "10",
  "elk.layered.spacing.edgeEdgeBetweenLayers": "8",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  // Crossing minimisation at ELK's default effort (7) took ~0.8 s on a 9-node, 50-edge map on
  // this machine; 3 takes ~0.25 s and draws the same maps for traces' small graphs.
  "elk.layered.thoroughness": "3",
};

export interface Point {
  x: number;
  y: number;
}

export interface MapNodeLayout {
  node: ServiceNode;
  ring: RingGeometry;
  /** Box of the node (ring and labels), top-left corner. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Centre of the ring. */
  cx: number;
  cy: number;
  /** The name as drawn (cut with an ellipsis when too long; the node's tooltip has it whole). */
  label: string;
  statsText: string;
  /** Where the name and stats lines go, relative to the ring's centre. */
  text: { anchor: "middle" | "start"; x: number; nameY: number; statsY: number };
}

export interface MapEdgeLayout {
  edge: ServiceEdge;
  status: SpanStatus;
  /** Polyline from the caller's ring to the callee's ring. */
  points: Point[];
  label: { text: string; x: number; y: number; width: number; height: number } | null;
}

export interface MapLayout {
  direction: MapDirection;
  /** Drawn compact (many nodes): small rings, names beside them, no edge labels. */
  compact: boolean;
  nodes: MapNodeLayout[];
  /** Drawing order: the worst statuses last, on top. */
  edges: MapEdgeLayout[];
  width: number;
  height: number;
}

interface NodeBox {
  width: number;
  height: number;
  /** Ring centre, relative to the box. */
  ringX: number;
  ringY: number;
  label: string;
  statsText: string;
  text: MapNodeLayout["text"];
}

function nodeBox(node: ServiceNode, direction: MapDirection, compact = false): NodeBox {
  const label = truncateToWidth(node.name, NODE.maxNameWidth, NODE.nameFont);
  const statsText = nodeStatsText(node.stats);
  const textW = Math.max(textWidth(label, NODE.nameFont), textWidth(statsText, NODE.statsFont));
  if (compact) {
    const outer = RING_COMPACT.outer;
    const width = Math.ceil(outer * 2 + NODE.sideGap / 2 + textW + 4);
    const text = { anchor: "start" as const, x: outer + NODE.sideGap / 2, nameY: -1.5, statsY: 10 };
    return { width, height: Math.ceil(outer * 2), ringX: outer, ringY: outer, label, statsText, text };
  }
  if (direction === "DOWN") {
    const width = Math.ceil(RING_OUTER * 2 + NODE.sideGap + textW + 4);
    const text = { anchor: "start" as const, x: RING_OUTER + NODE.sideGap, nameY: NODE.sideNameY, statsY: NODE.sideStatsY };
    return { width, height: Math.ceil(RING_OUTER * 2), ringX: RING_OUTER, ringY: RING_OUTER, label, statsText, text };
  }
  const width = Math.ceil(Math.max(RING_OUTER * 2 + 8, textW) + 4);
  const height = Math.ceil(RING_OUTER * 2 + NODE.statsGap + NODE.bottomPad);
  const text = { anchor: "middle" as const, x: 0, nameY: RING_OUTER + NODE.nameGap, statsY: RING_OUTER + NODE.statsGap };
  return { width, height, ringX: width / 2, ringY: RING_OUTER, label, statsText, text };
}

const nodeId = (i: number) => `n${i}`;
const inPort = (i: number) => `n${i}.in`;
const outPort = (i: number) => `n${i}.out`;

function ports(i: number, box: NodeBox, direction: MapDirection): ElkPort[] {
  const port = (id: string, x: number, y: number, side: string): ElkPort => ({
    id,
    x,
    y,
    width: 0,
    height: 0,
    layoutOptions: { "elk.port.side": side },
  });
  return direction === "DOWN"
    ? [port(inPort(i), box.ringX, 0, "NORTH"), port(outPort(i), box.ringX, box.height, "SOUTH")]
    : [port(inPort(i), 0, box.ringY, "WEST"), port(outPort(i), box.width, box.ringY, "EAST")];
}

/** Compact layouts only: at most this many nodes per layer. */
export interface CompactOptions {
  layerBound: number;
}

function compactOptions({ layerBound }: CompactOptions): Record<string, string> {
  return {
    "elk.spacing.nodeNode": String(COMPACT_NODE_GAP),
    "elk.layered.spacing.nodeNodeBetweenLayers": String(COMPACT_LAYER_GAP),
    "elk.spacing.edgeEdge": "5",
    "elk.layered.spacing.edgeEdgeBetweenLayers": "5",
    "elk.layered.spacing.edgeNodeBetweenLayers": "8",
    // The widest layer decides the height: bound it, so the graph gets deeper rather than taller.
    "elk.layered.layering.strategy": "COFFMAN_GRAHAM",
    "elk.layered.layering.coffmanGraham.layerBound": String(layerBound),
    // Straighter edges and fewer long vertical runs than the default (Brandes-Köpf) on fleet maps.
    "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
  };
}

/**
 * The ELK graph of a service graph; node and edge ids are indexes into `graph`. With `compact`,
 * nodes get the compact box (ring, name beside it), edges no labels, layers a bound.
 */
export function toElkGraph(graph: ServiceGraph, direction: MapDirection = "RIGHT", compact?: CompactOptions): ElkNode {
  const index = new Map(graph.nodes.map((n, i) => [n.name, i]));
  const children: ElkNode[] = graph.nodes.map((node, i) => {
    const box = nodeBox(node, direction, compact !== undefined);
    return {
      id: nodeId(i),
      width: box.width,
      height: box.height,
      layoutOptions: { "elk.portConstraints": "FIXED_POS" },
      ports: ports(i, box, direction),
    };
  });
  const edges: ElkExtendedEdge[] = [];
  graph.edges.forEach((edge, j) => {
    const source = index.get(edge.source);
    const target = index.get(edge.target);
    if (source === undefined || target === undefined) return;
    const text = edgeLabelText(edge.stats);
    edges.push({
      id: `e${j}`,
      sources: [outPort(source)],
      targets: [inPort(target)],
      labels: compact
        ? []
        : [
            {
              text,
              width: Math.ceil(textWidth(text, EDGE_LABEL.font) + EDGE_LABEL.padX * 2),
              height: EDGE_LABEL.height,
              layoutOptions: { "elk.edgeLabels.placement": "CENTER" },
            },
          ],
    });
  });
  const options = { ...LAYOUT_OPTIONS, ...(compact ? compactOptions(compact) : {}), "elk.direction": direction };
  return { id: "root", layoutOptions: options, children, edges };
}

/** Drops points that lie on the straight line through their neighbours (and repeated points). */
function simplify(points: Point[]): Point[] {
  const out: Point[] = [];
  for (const p of points) {
    const a = out[out.length - 2];
    const b = out[out.length - 1];
    if (b && b.x === p.x && b.y === p.y) continue;
    if (a && b && ((a.x === b.x && b.x === p.x) || (a.y === b.y && b.y === p.y))) out.pop();
    out.push(p);
  }
  return out;
}

/** Reads ELK's answer for `graph` (the graph `toElkGraph` was given) into drawable geometry. */
export function readElkLayout(graph: ServiceGraph, laidOut: ElkNode, direction: MapDirection = "RIGHT", compact = false): MapLayout {
  const placed = new Map((laidOut.children ?? []).map((c) => [c.id, c]));
  const ring = compact ? RING_COMPACT : RING_NORMAL;
  const nodes: MapNodeLayout[] = graph.nodes.map((node, i) => {
    const box = nodeBox(node, direction, compact);
    const c = placed.get(nodeId(i));
    const x = c?.x ?? 0;
    const y = c?.y ?? 0;
    return {
      node,
      ring,
      x,
      y,
      width: box.width,
      height: box.height,
      cx: x + box.ringX,
      cy: y + box.ringY,
      label: box.label,
      statsText: box.statsText,
      text: box.text,
    };
  });
  const byName = new Map(nodes.map((n) => [n.node.name, n]));
  const down = direction === "DOWN";
  const routed = new Map((laidOut.edges ?? []).map((e) => [e.id, e]));
  const edges: MapEdgeLayout[] = [];
  graph.edges.forEach((edge, j) => {
    const from = byName.get(edge.source);
    const to = byName.get(edge.target);
    const elkEdge = routed.get(`e${j}`);
    const section = elkEdge?.sections?.[0];
    if (!from || !to || !section) return;
    const points = simplify([
      // Compact nodes are left by the end of their label, where their out port is.
      compact ? { x: from.x + from.width, y: from.cy } : down ? { x: from.cx, y: from.cy + ring.outer } : { x: from.cx + ring.outer, y: from.cy },
      section.startPoint,
      ...(section.bendPoints ?? []),
      section.endPoint,
      down ? { x: to.cx, y: to.cy - ring.outer } : { x: to.cx - ring.outer, y: to.cy },
    ]);
    const l = elkEdge.labels?.[0];
    const label = l && l.text !== undefined ? { text: l.text, x: l.x ?? 0, y: l.y ?? 0, width: l.width ?? 0, height: l.height ?? 0 } : null;
    edges.push({ edge, status: worstStatusOf(edge.stats), points, label });
  });
  edges.sort((a, b) => statusRank(a.status) - statusRank(b.status));
  return { direction, compact, nodes, edges, width: laidOut.width ?? 0, height: laidOut.height ?? 0 };
}

/** Top to bottom must draw this much larger than left to right to be preferred to it. */
const DOWN_GAIN = 1.2;

/** What layoutServiceMap needs of ELK (an `ELK` instance fits). */
export interface ElkLayouter {
  layout(graph: ElkNode): Promise<ElkNode>;
}

async function layoutIn(elk: ElkLayouter, graph: ServiceGraph, direction: MapDirection): Promise<MapLayout> {
  return readElkLayout(graph, await elk.layout(toElkGraph(graph, direction)), direction);
}

/** Layers (longest path from the callers) and the widest layer: the shape of a layered layout. */
function layerShape(graph: ServiceGraph): { depth: number; breadth: number } {
  const layer = new Map(graph.nodes.map((n) => [n.id, 0]));
  // Longest-path layering by relaxation; a cycle stops growing after |nodes| rounds.
  for (let round = 0; round < graph.nodes.length; round++) {
    let changed = false;
    for (const e of graph.edges) {
      const next = (layer.get(e.source) ?? 0) + 1;
      if (e.source !== e.target && next > (layer.get(e.target) ?? 0) && next < graph.nodes.length) {
        layer.set(e.target, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const perLayer = new Map<number, number>();
  for (const l of layer.values()) perLayer.set(l, (perLayer.get(l) ?? 0) + 1);
  return { depth: perLayer.size, breadth: Math.max(1, ...perLayer.values()) };
}

/** Room an edge label takes between two layers laid out left to right ("12 × avg 340 ms"). */
const LABEL_ROOM = 72;

/** The size a layered layout will roughly take in each direction, from node boxes and spacing. */
function estimatedSize(graph: ServiceGraph, direction: MapDirection): { width: number; height: number } {
  const { depth, breadth } = layerShape(graph);
  const boxes = toElkGraph(graph, direction).children ?? [];
  const w = Math.max(1, ...boxes.map((b) => b.width ?? 0));
  const h = Math.max(1, ...boxes.map((b) => b.height ?? 0));
  const nodeGap = Number(LAYOUT_OPTIONS["elk.spacing.nodeNode"]);
  const layerGap = Number(LAYOUT_OPTIONS["elk.layered.spacing.nodeNodeBetweenLayers"]);
  return direction === "RIGHT"
    ? { width: depth * (w + layerGap + LABEL_ROOM), height: breadth * (h + nodeGap) }
    : { width: breadth * (w + nodeGap), height: depth * (h + layerGap) };
}

function estimatedFit(graph: ServiceGraph, direction: MapDirection, aspect: number): number {
  const { width, height } = estimatedSize(graph, direction);
  return Math.min(aspect / width, 1 / height);
}

/** Compact layer pitch and node row pitch, in user units, with room for edges between layers. */
const COMPACT_COLUMN = 190;
const COMPACT_ROW = 36;

/**
 * Nodes per layer for `nodes` nodes in a panel of aspect `aspect`: layers × column width should be
 * about aspect × nodes per layer × row height; a little under it, as long edges add dummy rows.
 */
export function compactLayerBound(nodes: number, aspect: number): number {
  const ideal = Math.sqrt((nodes * COMPACT_COLUMN) / (Math.max(aspect, 0.2) * COMPACT_ROW));
  return Math.max(6, Math.min(40, Math.round(ideal * 0.75)));
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The graph with its nodes by name and its edges by caller then callee: one graph, one layout. */
export function canonicalOrder(graph: ServiceGraph): ServiceGraph {
  return {
    ...graph,
    nodes: [...graph.nodes].sort((a, b) => byString(a.name, b.name) || byString(a.id, b.id)),
    edges: [...graph.edges].sort((a, b) => byString(a.source, b.source) || byString(a.target, b.target)),
  };
}

/**
 * Lays `graph` out for a panel of aspect ratio `aspect` (width / height): left to right, or top
 * to bottom when that should draw clearly larger in the panel. The direction is chosen from the
 * graph's layer shape before ELK runs, so ELK runs once (it is the page's most expensive step).
 */
export async function layoutServiceMap(elk: ElkLayouter, unordered: ServiceGraph, aspect: number): Promise<MapLayout> {
  // ELK's result depends on input order; the API's order depends on which spans came first.
  const graph = canonicalOrder(unordered);
  if (graph.nodes.length >= COMPACT_FROM) {
    const options = { layerBound: compactLayerBound(graph.nodes.length, aspect) };
    return readElkLayout(graph, await elk.layout(toElkGraph(graph, "RIGHT", options)), "RIGHT", true);
  }
  return layoutIn(elk, graph, mapDirection(graph, aspect));
}

/**
 * Left to right, or top to bottom when that should draw clearly larger in a panel of aspect ratio
 * `aspect`: chosen from the graph's layer shape, before any layout engine runs.
 */
export function mapDirection(graph: ServiceGraph, aspect: number): MapDirection {
  return estimatedFit(graph, "DOWN", aspect) > estimatedFit(graph, "RIGHT", aspect) * DOWN_GAIN ? "DOWN" : "RIGHT";
}
