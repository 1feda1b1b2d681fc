/**
 * Levels of detail of the service map's node labels. The map is an SVG scaled to fit: at the
 * fit-to-screen zoom of a hundred services, a name drawn at its layout size would be 3 px tall.
 * So names are drawn no smaller than MIN_NAME_PX on screen, and when there is not room for all of
 * them, the important ones win and the rest stay dots (named by their tooltip, and on hover/focus):
 *
 *   1. pinned: the selected, hovered, focused and searched-for services (always labelled, with stats);
 *   2. the selected service's callers and callees (always labelled);
 *   3. unhealthy services, the most failing requests first;
 *   4. the rest, busiest first.
 *
 * A label is placed when its screen box is inside the view and overlaps no label already placed
 * and no other node's ring; a name beside its ring tries the left side when the right is taken,
 * and a name with no room at full length is shortened (with an ellipsis, at least
 * MIN_SHORT_CHARS characters) before it is given up: "api.payme…" says more than a dot.
 * Stats lines ("12 req · avg 40 ms") are drawn when they are readable at layout size, and for
 * pinned services always.
 */
import type { MapNodeLayout } from "./service-map-elk";
import { NODE } from "./service-map-elk";
import { textWidth, truncateToWidth } from "./service-map-labels";
import type { ViewBox } from "./service-map-viewport";

/** Smallest name on screen, in CSS pixels. */
export const MIN_NAME_PX = 11;
/** Smallest stats line on screen, in CSS pixels. */
const MIN_STATS_PX = 9.5;
/** Screen pixels kept clear around a label. */
const LABEL_PAD_PX = 2;
/** A shortened name keeps at least this many characters before its ellipsis. */
const MIN_SHORT_CHARS = 4;
/** Widths, as fractions of the full name's, tried for a shortened name. */
const SHORTER = [0.75, 0.55, 0.4];

/** How one node's label is drawn, in user units relative to its ring's centre. */
export interface NodeLabel {
  /** The name as drawn: the node's label, or shortened with an ellipsis to fit. */
  text: string;
  fontSize: number;
  /** "end": beside the ring on its left, where the right side had no room. */
  anchor: "middle" | "start" | "end";
  x: number;
  nameY: number;
  /** Null: no stats line. */
  stats: { fontSize: number; y: number } | null;
  /** Drawn larger than its layout size (over edges and other nodes' room): give it a halo. */
  enlarged: boolean;
}

export interface LabelInput {
  nodes: readonly MapNodeLayout[];
  /** Screen pixels per user unit. */
  scale: number;
  /** The visible part of the map, in user units; labels outside it are not placed. */
  view: ViewBox;
  /** Always labelled, with stats. */
  pinned: ReadonlySet<string>;
  /** Always labelled, next (the selected service's neighbours). */
  related: ReadonlySet<string>;
}

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

const overlaps = (a: Rect, b: Rect) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

function failures(n: MapNodeLayout): number {
  const s = n.node.stats;
  return s.errors + s.faults + s.throttles;
}

/** Node names, most important label first. */
export function labelPriority(nodes: readonly MapNodeLayout[], pinned: ReadonlySet<string>, related: ReadonlySet<string>): MapNodeLayout[] {
  const tier = (n: MapNodeLayout) => (pinned.has(n.node.name) ? 0 : related.has(n.node.name) ? 1 : failures(n) > 0 ? 2 : 3);
  return [...nodes].sort((a, b) => {
    const t = tier(a) - tier(b);
    if (t !== 0) return t;
    if (tier(a) === 2) {
      const f = failures(b) / Math.max(1, b.node.stats.requests) - failures(a) / Math.max(1, a.node.stats.requests);
      if (f !== 0) return f;
    }
    return b.node.stats.requests - a.node.stats.requests || a.node.name.localeCompare(b.node.name);
  });
}

/** The label of `n` at `scale`, and its box in user units (absolute); `left` puts a side label on the ring's left. */
function labelOf(n: MapNodeLayout, scale: number, withStats: boolean, left = false, text = n.label): { label: NodeLabel; box: Rect } {
  const fontSize = Math.max(NODE.nameFont, MIN_NAME_PX / scale);
  const enlarged = fontSize > NODE.nameFont;
  const statsFont = Math.max(NODE.statsFont, MIN_STATS_PX / scale);
  const hasStats = withStats && n.statsText !== "";
  const { anchor } = n.text;
  let nameY: number;
  let statsY = 0;
  if (anchor === "start") {
    // Beside the ring: the name (and stats) centred on the ring's centre line.
    if (hasStats) {
      nameY = -statsFont * 0.25;
      statsY = nameY + statsFont * 1.2;
      if (!enlarged) [nameY, statsY] = [n.text.nameY, n.text.statsY];
    } else {
      nameY = fontSize * 0.35;
    }
  } else {
    // Under the ring.
    nameY = n.ring.outer + fontSize * 1.05;
    statsY = nameY + statsFont * 1.3;
    if (!enlarged) [nameY, statsY] = [n.text.nameY, n.text.statsY];
  }
  const width = Math.max(textWidth(text, fontSize), hasStats ? textWidth(n.statsText, statsFont) : 0);
  const top = nameY - fontSize * 0.85;
  const bottom = hasStats ? statsY + statsFont * 0.3 : nameY + fontSize * 0.3;
  const onLeft = left && anchor === "start";
  const x0 = onLeft ? n.cx - n.text.x - width : anchor === "start" ? n.cx + n.text.x : n.cx - width / 2;
  const pad = LABEL_PAD_PX / scale;
  return {
    label: {
      text,
      fontSize,
      anchor: onLeft ? "end" : anchor,
      x: onLeft ? -n.text.x : n.text.x,
      nameY,
      stats: hasStats ? { fontSize: statsFont, y: statsY } : null,
      enlarged,
    },
    box: { x0: x0 - pad, y0: n.cy + top - pad, x1: x0 + width + pad, y1: n.cy + bottom + pad },
  };
}

/**
 * A label that fits where the full one did not: beside the ring on the left (for a side label),
 * then, unless pinned (whose name is always whole), ever shorter names on either side; null
 * when none fits.
 */
function shortened(n: MapNodeLayout, scale: number, pinned: boolean, fits: (box: Rect) => boolean): { label: NodeLabel; box: Rect } | null {
  const side = n.text.anchor === "start";
  const withStats = pinned || NODE.statsFont * scale >= MIN_STATS_PX;
  if (side) {
    const left = labelOf(n, scale, withStats, true);
    if (fits(left.box)) return left;
  }
  const fontSize = Math.max(NODE.nameFont, MIN_NAME_PX / scale);
  const full = textWidth(n.label, fontSize);
  for (const fraction of pinned ? [] : SHORTER) {
    const text = truncateToWidth(n.label, full * fraction, fontSize);
    if (text.length - 1 < MIN_SHORT_CHARS) break;
    for (const left of side ? [false, true] : [false]) {
      const candidate = labelOf(n, scale, false, left, text);
      if (fits(candidate.box)) return candidate;
    }
  }
  return null;
}

const ringBox = (n: MapNodeLayout): Rect => ({ x0: n.cx - n.ring.outer, y0: n.cy - n.ring.outer, x1: n.cx + n.ring.outer, y1: n.cy + n.ring.outer });

/** Which nodes are labelled, and how: a map from service name to its label (absent: a dot). */
export function selectLabels({ nodes, scale, view, pinned, related }: LabelInput): Map<string, NodeLabel> {
  const out = new Map<string, NodeLabel>();
  const s = Math.max(scale, 1e-6);
  const statsReadable = NODE.statsFont * s >= MIN_STATS_PX;
  const visible: Rect = { x0: view.x, y0: view.y, x1: view.x + view.width, y1: view.y + view.height };
  const inView = nodes.filter((n) => overlaps(ringBox(n), visible));
  // Every label fits where the layout put it: nothing to choose.
  if (NODE.nameFont * s >= MIN_NAME_PX) {
    for (const n of inView) out.set(n.node.name, labelOf(n, s, statsReadable || pinned.has(n.node.name)).label);
    return out;
  }
  const placed: Rect[] = [];
  const rings = inView.map((n) => ({ name: n.node.name, box: ringBox(n) }));
  const fits = (name: string, box: Rect) =>
    // A name cut by the panel's edge reads worse than none: it can be panned into view.
    box.x0 >= visible.x0 &&
    box.x1 <= visible.x1 &&
    box.y0 >= visible.y0 &&
    box.y1 <= visible.y1 &&
    !placed.some((p) => overlaps(p, box)) &&
    !rings.some((r) => r.name !== name && overlaps(r.box, box));
  for (const n of labelPriority(inView, pinned, related)) {
    const name = n.node.name;
    const withStats = statsReadable || pinned.has(name);
    let choice = labelOf(n, s, withStats);
    // A pinned (hovered, selected, searched-for) name is always drawn whole, even over others.
    if (!fits(name, choice.box)) choice = shortened(n, s, pinned.has(name), (box) => fits(name, box)) ?? choice;
    if (!pinned.has(name) && !related.has(name) && !fits(name, choice.box)) continue;
    placed.push(choice.box);
    out.set(name, choice.label);
  }
  return out;
}
