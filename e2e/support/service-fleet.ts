/**
 * A fleet of ~110 services (gateways → BFFs → domain services → platform services → databases,
 * queues and third-party APIs) and a few hundred traces through it, as OTLP/JSON test spans: the
 * "100 services" service map. A few services are unhealthy (5xx, 4xx, 429) so the map has
 * something to point at. The topology is fixed by `seed`; trace and span IDs are random.
 */
import { randomHex, xrayStyleTraceId, type TestSpan } from "./otlp-json";

const GATEWAYS = ["edge-gateway", "mobile-gateway", "partner-api"];
const BFFS = ["web-bff", "ios-bff", "android-bff", "admin-bff", "partner-bff", "search-bff"];
const DOMAIN = [
  "checkout",
  "cart",
  "orders",
  "payments",
  "invoices",
  "refunds",
  "pricing",
  "promotions",
  "catalog",
  "inventory",
  "shipping",
  "returns",
  "reviews",
  "recommendations",
  "search",
  "user-profile",
  "accounts",
  "auth",
  "sessions",
  "notifications",
  "email-sender",
  "sms-sender",
  "loyalty",
  "wishlist",
  "gift-cards",
  "tax",
  "fraud-check",
  "risk-scoring",
  "ledger",
  "billing",
  "subscriptions",
  "media",
  "images",
  "content",
  "cms",
  "store-locator",
  "delivery-slots",
  "warehouse",
  "fulfilment",
  "carriers",
  "tracking",
  "support-tickets",
  "chat",
  "feedback",
  "analytics-ingest",
];
const PLATFORM = [
  "feature-flags",
  "config",
  "rate-limiter",
  "id-service",
  "geo-ip",
  "currency",
  "translations",
  "audit-log",
  "event-bus",
  "scheduler",
  "cache-proxy",
  "pdf-render",
  "thumbnailer",
  "address-validation",
  "kyc",
  "consent",
  "experiments",
  "metrics-relay",
  "secrets",
  "blob-store-proxy",
  "search-indexer",
  "price-feed",
  "stock-sync",
  "mailer-relay",
  "webhook-relay",
];
/** Inferred callees: [name part, kind]; databases become `name@host`. */
const STORES: [string, "db" | "queue" | "peer"][] = [
  ["orders", "db"],
  ["payments", "db"],
  ["catalog", "db"],
  ["inventory", "db"],
  ["users", "db"],
  ["sessions", "db"],
  ["ledger", "db"],
  ["billing", "db"],
  ["reviews", "db"],
  ["content", "db"],
  ["tickets", "db"],
  ["audit", "db"],
  ["shipments", "db"],
  ["pricing", "db"],
  ["search", "db"],
  ["order-events", "queue"],
  ["payment-events", "queue"],
  ["email-outbox", "queue"],
  ["sms-outbox", "queue"],
  ["stock-updates", "queue"],
  ["index-jobs", "queue"],
  ["webhooks-out", "queue"],
  ["stripe", "peer"],
  ["adyen", "peer"],
  ["twilio", "peer"],
  ["sendgrid", "peer"],
  ["fedex", "peer"],
  ["ups", "peer"],
  ["maxmind", "peer"],
  ["onfido", "peer"],
];

/** Services whose spans fail some of the time: HTTP status and share of spans. */
export const FLEET_UNHEALTHY: Record<string, { http: number; share: number }> = {
  payments: { http: 503, share: 0.3 },
  "fraud-check": { http: 500, share: 0.15 },
  tax: { http: 404, share: 0.25 },
  "rate-limiter": { http: 429, share: 0.2 },
};

/** Where the traces end by default: just now (the seed script shows them in /map's last 15 minutes). */
const FLEET_DEFAULT_END = () => Date.now() - 30_000;

/** Deterministic PRNG (mulberry32). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Callee {
  service: string;
  /** Set for inferred callees: the client span's attributes. */
  attributes?: Record<string, string>;
}

export interface Fleet {
  /** Every service name that will be on the map (emitting and inferred; not the client). */
  services: string[];
  calls: Map<string, Callee[]>;
}

function storeCallee([name, kind]: (typeof STORES)[number]): Callee {
  if (kind === "db") return { service: `${name}@pg-main`, attributes: { "db.system": "postgresql", "db.name": name, "server.address": "pg-main" } };
  if (kind === "queue") return { service: name, attributes: { "messaging.system": "kafka", "messaging.destination.name": name } };
  return { service: name, attributes: { "peer.service": name } };
}

function buildFleet(seed = 7): Fleet {
  const rnd = prng(seed);
  const pick = <T>(list: T[], n: number): T[] => {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < n && copy.length) out.push(copy.splice(Math.floor(rnd() * copy.length), 1)[0]);
    return out;
  };
  const calls = new Map<string, Callee[]>();
  const svc = (service: string): Callee => ({ service });
  GATEWAYS.forEach((g, i) => calls.set(g, [svc(BFFS[i * 2]), svc(BFFS[i * 2 + 1])]));
  // Each BFF fronts a slice of the domain (and every domain service has a BFF).
  BFFS.forEach((b, i) => calls.set(b, DOMAIN.filter((_, j) => j % BFFS.length === i || rnd() < 0.06).map(svc)));
  DOMAIN.forEach((d, i) => {
    const later = DOMAIN.slice(i + 1);
    // Every platform service has at least one caller.
    const platform = new Set([PLATFORM[i % PLATFORM.length], ...pick(PLATFORM, Math.floor(rnd() * 2))]);
    const list = [...pick(later, rnd() < 0.4 ? 1 : 0), ...platform].map(svc);
    list.push(storeCallee(STORES[i % STORES.length]));
    calls.set(d, list);
  });
  PLATFORM.forEach((p, i) => {
    const own = i + DOMAIN.length < STORES.length ? [storeCallee(STORES[i + DOMAIN.length])] : [];
    calls.set(p, rnd() < 0.5 ? [...own, storeCallee(STORES[Math.floor(rnd() * STORES.length)])] : own);
  });
  const services = [...GATEWAYS, ...BFFS, ...DOMAIN, ...PLATFORM, ...STORES.map((s) => storeCallee(s).service)];
  return { services, calls };
}

/** Base latency of a service's own work, ms. */
function ownMs(service: string, rnd: () => number): number {
  let h = 0;
  for (const ch of service) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return 2 + (h % 40) + rnd() * 10;
}

/**
 * `traces` traces through the fleet, started over the `spreadMs` before `endMs`; trace i enters at
 * the BFF of domain service i, so every service is reached.
 */
export function fleetSpans(opts: { traces?: number; endMs?: number; spreadMs?: number; seed?: number } = {}): { fleet: Fleet; spans: TestSpan[] } {
  const { traces = 400, endMs = FLEET_DEFAULT_END(), spreadMs = 8 * 60_000, seed = 7 } = opts;
  const fleet = buildFleet(seed);
  const rnd = prng(seed + 1);
  const spans: TestSpan[] = [];
  const bffOf = (domain: string) => BFFS.find((b) => fleet.calls.get(b)?.some((c) => c.service === domain)) ?? BFFS[0];
  const gatewayOf = (bff: string) => GATEWAYS.find((g) => fleet.calls.get(g)?.some((c) => c.service === bff)) ?? GATEWAYS[0];

  /** Emits the span tree of `service` (and its callees) from `start`; returns its end time. */
  const visit = (traceId: string, parentSpanId: string, parentService: string, callee: Callee, start: number, depth: number, only?: string[]): number => {
    const spanId = randomHex(8);
    if (callee.attributes) {
      // An inferred callee: the caller's client span is all there is.
      const end = start + 1 + rnd() * 8;
      spans.push({
        traceId,
        spanId,
        parentSpanId,
        service: parentService,
        name: `call ${callee.service}`,
        kind: 3,
        startMs: start,
        endMs: end,
        attributes: callee.attributes,
      });
      return end;
    }
    const bad = FLEET_UNHEALTHY[callee.service];
    const failed = bad !== undefined && rnd() < bad.share;
    let t = start + ownMs(callee.service, rnd) / 2;
    const span: TestSpan = { traceId, spanId, parentSpanId, service: callee.service, name: `GET /${callee.service}`, kind: 2, startMs: start, endMs: 0 };
    spans.push(span);
    const children = (fleet.calls.get(callee.service) ?? []).filter((c) => (only ? only.includes(c.service) : depth > 1 || rnd() < 0.5));
    for (const child of children) t = visit(traceId, spanId, callee.service, child, t + 0.5, depth + 1) + 0.2;
    span.endMs = t + ownMs(callee.service, rnd) / 2;
    span.attributes = { "http.request.method": "GET", "http.response.status_code": failed ? bad.http : 200 };
    if (failed && bad.http >= 500) span.statusCode = 2;
    return span.endMs;
  };

  for (let i = 0; i < traces; i++) {
    const start = endMs - spreadMs + (spreadMs * i) / traces;
    const traceId = xrayStyleTraceId(start);
    const domain = DOMAIN[i % DOMAIN.length];
    const bff = bffOf(domain);
    const gateway = gatewayOf(bff);
    const extra = (fleet.calls.get(bff) ?? []).map((c) => c.service).filter((s) => s !== domain && rnd() < 0.15);
    const rootId = randomHex(8);
    const root: TestSpan = { traceId, spanId: rootId, service: gateway, name: `GET /${domain}`, kind: 2, startMs: start, endMs: 0 };
    spans.push(root);
    root.endMs = visit(traceId, rootId, gateway, { service: bff }, start + 1, 1, [domain, ...extra]) + 1;
  }
  return { fleet, spans };
}
