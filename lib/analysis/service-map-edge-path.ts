/** SVG geometry of a service-map edge: an orthogonal polyline with rounded corners and an arrowhead. */
import type { Point } from "./service-map-elk";

export interface EdgeGeometry {
  /** Path data of the line, stopping at the arrowhead's base. */
  d: string;
  /** `points` attribute of the arrowhead polygon; its tip is the polyline's last point. */
  arrow: string;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const fmt = (p: Point) => `${r2(p.x)} ${r2(p.y)}`;

function unit(from: Point, to: Point): Point {
  const len = Math.hypot(to.x - from.x, to.y - from.y);
  return len === 0 ? { x: 0, y: 0 } : { x: (to.x - from.x) / len, y: (to.y - from.y) / len };
}

export function edgeGeometry(points: readonly Point[], cornerRadius = 6, arrowSize = 7): EdgeGeometry {
  if (points.length < 2) return { d: "", arrow: "" };
  const tip = points[points.length - 1];
  const prev = points[points.length - 2];
  const dir = unit(prev, tip);
  const lastLen = Math.hypot(tip.x - prev.x, tip.y - prev.y);
  const base = { x: tip.x - dir.x * Math.min(arrowSize, lastLen), y: tip.y - dir.y * Math.min(arrowSize, lastLen) };
  const half = arrowSize * 0.5;
  const arrow = [tip, { x: base.x - dir.y * half, y: base.y + dir.x * half }, { x: base.x + dir.y * half, y: base.y - dir.x * half }]
    .map((p) => `${r2(p.x)},${r2(p.y)}`)
    .join(" ");

  const line = [...points.slice(0, -1), base];
  let d = `M ${fmt(line[0])}`;
  for (let i = 1; i < line.length - 1; i++) {
    const [a, corner, b] = [line[i - 1], line[i], line[i + 1]];
    const r = Math.min(cornerRadius, Math.hypot(corner.x - a.x, corner.y - a.y) / 2, Math.hypot(b.x - corner.x, b.y - corner.y) / 2);
    const din = unit(a, corner);
    const dout = unit(corner, b);
    d += ` L ${fmt({ x: corner.x - din.x * r, y: corner.y - din.y * r })}`;
    d += ` Q ${fmt(corner)} ${fmt({ x: corner.x + dout.x * r, y: corner.y + dout.y * r })}`;
  }
  d += ` L ${fmt(line[line.length - 1])}`;
  return { d, arrow };
}
