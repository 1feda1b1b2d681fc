/**
 * The route template a request path belongs to, for metric labels and log lines: a bounded set
 * (trace IDs, service names and snapshot IDs never become label values). The templates are the
 * app directory's routes and pages (route-label.test.ts checks the list against app/).
 */
export const ROUTE_TEMPLATES = [
  "/",
  "/api/[...path]",
  "/api/health",
  "/api/ready",
  "/api/service-graph",
  "/api/services/[name]/breakdown",
  "/api/services/[name]/divergence",
  "/api/services/[name]/errors",
  "/api/services/[name]/stats",
  "/api/snapshots",
  "/api/snapshots/[id]",
  "/api/snapshots/[id]/export",
  "/api/snapshots/import",
  "/api/traces",
  "/api/traces/[traceId]",
  "/api/traces/[traceId]/aws-links",
  "/api/traces/[traceId]/find",
  "/api/traces/[traceId]/logs",
  "/api/traces/[traceId]/otlp",
  "/api/traces/[traceId]/outline",
  "/api/traces/[traceId]/percentiles",
  "/api/traces/[traceId]/rows",
  "/api/traces/[traceId]/spans/[spanId]",
  "/api/traces/[traceId]/typical",
  "/compare",
  "/icon.svg",
  "/incident",
  "/manifest.webmanifest",
  "/map",
  "/metrics",
  "/robots.txt",
  "/s/[id]",
  "/snapshots",
  "/status",
  "/trace/[id]",
  "/traces",
  "/v1/logs",
  "/v1/traces",
] as const;

/** The files of public/ (route-label.test.ts checks the list against it). */
export const PUBLIC_FILES = ["/apple-touch-icon.png", "/favicon.ico", "/icon-192.png", "/icon-512.png"] as const;

/** Static files and the build's chunks: one label each, whatever the file. */
const PREFIXES = ["/_next/static", "/_next/image", "/_next/data"] as const;

interface Compiled {
  template: string;
  segments: string[];
  /** How many segments are literal: the most literal match wins (`/api/snapshots/import` over `[id]`). */
  literal: number;
}

const compiled: Compiled[] = ROUTE_TEMPLATES.map((template) => {
  const segments = template.split("/").filter(Boolean);
  return { template, segments, literal: segments.filter((s) => !s.startsWith("[")).length };
});

function matches(route: Compiled, parts: string[]): boolean {
  for (let i = 0; i < route.segments.length; i++) {
    const segment = route.segments[i];
    if (segment.startsWith("[...")) return parts.length > i;
    if (i >= parts.length) return false;
    if (!segment.startsWith("[") && segment !== parts[i]) return false;
  }
  return parts.length === route.segments.length;
}

/** `/api/traces/1-5f8a…/logs?x` → `/api/traces/[traceId]/logs`; a path no route serves → "other". */
export function routeLabel(url: string): string {
  const q = url.search(/[?#]/);
  const path = q === -1 ? url : url.slice(0, q);
  for (const prefix of PREFIXES) if (path === prefix || path.startsWith(`${prefix}/`)) return prefix;
  if ((PUBLIC_FILES as readonly string[]).includes(path)) return path;
  const parts = path.split("/").filter(Boolean);
  let best: Compiled | null = null;
  for (const route of compiled) {
    if (matches(route, parts) && (best === null || route.literal > best.literal)) best = route;
  }
  return best?.template ?? "other";
}
