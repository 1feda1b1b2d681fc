/**
 * Text of the service map's labels, and its size estimated without a DOM: the layout is computed
 * before anything is drawn, so label widths come from per-character advance estimates (generous,
 * for the wide system sans fonts of Linux) rather than from measuring rendered text.
 */
import { formatDuration } from "../format";
import type { ServiceEdge, ServiceNode, ServiceStats, ServiceType } from "../model";
import { healthCounts } from "./health-ring";

const NARROW = new Set("iljtfrI1.,:;'|!()[]· ");
const WIDE = new Set("mwMW@%");

/** Estimated advance of one character, in ems. */
function charEm(ch: string): number {
  if (NARROW.has(ch)) return 0.34;
  if (WIDE.has(ch)) return 0.9;
  if (ch >= "A" && ch <= "Z") return 0.68;
  if (ch >= "0" && ch <= "9") return 0.62;
  return 0.58;
}

/** Estimated rendered width of `text` at `fontPx`, in pixels. */
export function textWidth(text: string, fontPx: number): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * fontPx;
}

const ELLIPSIS = "…";

/** `text`, cut at the end with an ellipsis so that it fits in `maxPx`. */
export function truncateToWidth(text: string, maxPx: number, fontPx: number): string {
  if (textWidth(text, fontPx) <= maxPx) return text;
  const budget = maxPx - textWidth(ELLIPSIS, fontPx);
  let used = 0;
  let out = "";
  for (const ch of text) {
    const w = charEm(ch) * fontPx;
    if (used + w > budget) break;
    used += w;
    out += ch;
  }
  // "shop-prod.…" reads worse than "shop-prod…": drop separators left dangling by the cut.
  return out.replace(/[\s.,:;@/_-]+$/, "") + ELLIPSIS;
}

/** Under a node: `12 req · avg 40 ms`; nothing for a node that served no requests (the client). */
export function nodeStatsText(stats: ServiceStats): string {
  if (stats.requests === 0) return "";
  return `${stats.requests} req · avg ${formatDuration(stats.avgMs)}`;
}

/** On an edge: `12 × avg 40 ms`. */
export function edgeLabelText(stats: ServiceStats): string {
  return `${stats.requests} × avg ${formatDuration(stats.avgMs)}`;
}

const TYPE_LABEL: Record<ServiceType, string> = {
  client: "client",
  "api-gateway": "API Gateway",
  lambda: "Lambda function",
  container: "container",
  compute: "compute",
  database: "database",
  queue: "queue",
  topic: "topic",
  storage: "storage",
  "aws-service": "AWS service",
  external: "external service",
  service: "service",
};

/** `12 requests, 10 OK, 2 5xx; avg 40 ms, p99 90 ms` (`noun` names what was counted). */
function healthSummary(stats: ServiceStats, noun: string): string {
  const counts = healthCounts(stats);
  const split = [
    `${counts.ok} OK`,
    counts.error ? `${counts.error} 4xx` : "",
    counts.fault ? `${counts.fault} 5xx` : "",
    counts.throttle ? `${counts.throttle} 429` : "",
  ].filter(Boolean);
  const count = `${stats.requests} ${noun}${stats.requests === 1 ? "" : "s"}`;
  return `${count}, ${split.join(", ")}; avg ${formatDuration(stats.avgMs)}, p99 ${formatDuration(stats.p99Ms)}`;
}

/**
 * Everything a node says, in words, for its tooltip and screen readers:
 * `orders (container): 12 requests, 10 OK, 2 5xx; avg 40 ms, p99 90 ms`.
 */
export function nodeSummary(node: ServiceNode): string {
  const head = `${node.name} (${TYPE_LABEL[node.type]})`;
  return node.stats.requests === 0 ? `${head}: no requests` : `${head}: ${healthSummary(node.stats, "request")}`;
}

/** An edge's tooltip: `checkout-api → orders: 3 calls, 2 OK, 1 5xx; avg 40 ms, p99 90 ms`. */
export function edgeSummary(edge: ServiceEdge): string {
  return `${edge.source} → ${edge.target}: ${healthSummary(edge.stats, "call")}`;
}
