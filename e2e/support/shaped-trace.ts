/**
 * The trace shape of issue 14's side-by-side with Jaeger UI: 8 services, fan-out 2–8, depth up to
 * 12, 6 attributes a span; about 1 % of spans fail (HTTP 500). Deterministic for a seed, so a
 * journey knows where its deep span and its failures are. Children run one after another inside
 * their parent, so every span's interval sits inside its parent's.
 */
import { logsRequest, randomHex, tracesRequest, xrayStyleTraceId, type TestLog, type TestSpan } from "./otlp-json";
import { prng } from "./service-fleet";

export interface ShapedTrace {
  traceId: string;
  spans: TestSpan[];
  /** One line for every `logEvery`-th span, naming its span. */
  logs: TestLog[];
  /** Span IDs in depth-first (Gantt) order, children by start time. */
  order: string[];
  failing: string[];
}

const SERVICES = ["gateway", "orders", "billing", "inventory", "shipping", "users", "search", "notify"];
const MAX_DEPTH = 12;

interface Node {
  span: TestSpan;
  depth: number;
  children: Node[];
}

export function buildShapedTrace(spanCount: number, opts: { seed?: number; start?: number; logEvery?: number } = {}): ShapedTrace {
  const random = prng(opts.seed ?? 14);
  const start = opts.start ?? Date.now() - 10 * 60_000;
  const traceId = xrayStyleTraceId(start);
  // An hour: deep spans of a million-span trace still get tens of microseconds each.
  const durationMs = 3_600_000;
  const make = (service: string, depth: number, parentSpanId: string | undefined, startMs: number, endMs: number, n: number): Node => {
    const fails = n > 0 && random() < 0.01;
    return {
      depth,
      children: [],
      span: {
        traceId,
        spanId: randomHex(8),
        parentSpanId,
        service,
        name: `${depth === 0 ? "GET /checkout" : `op-${n % 97}`} ${n}`,
        startMs,
        endMs,
        kind: depth === 0 ? 2 : 1,
        statusCode: fails ? 2 : 0,
        attributes: {
          "http.method": "GET",
          "http.route": `/r/${n % 50}`,
          "http.status_code": fails ? 500 : 200,
          "net.peer.name": `${service}.internal`,
          component: "http",
          "span.number": n,
        },
      },
    };
  };
  const root = make(SERVICES[0], 0, undefined, start, start + durationMs, 0);
  let count = 1;
  // Breadth first, each span a random 2–8 children, until the count is reached.
  const queue: Node[] = [root];
  for (let q = 0; q < queue.length && count < spanCount; q++) {
    const parent = queue[q];
    if (parent.depth >= MAX_DEPTH) continue;
    const fanOut = Math.min(2 + Math.floor(random() * 7), spanCount - count);
    const slice = (parent.span.endMs - parent.span.startMs) / fanOut;
    for (let k = 0; k < fanOut; k++) {
      const s = parent.span.startMs + k * slice;
      const child = make(SERVICES[Math.floor(random() * SERVICES.length)], parent.depth + 1, parent.span.spanId, s, s + slice * 0.9, count++);
      parent.children.push(child);
      queue.push(child);
    }
  }
  const spans: TestSpan[] = [];
  const order: string[] = [];
  const failing: string[] = [];
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    spans.push(node.span);
    order.push(node.span.spanId);
    if (node.span.statusCode === 2) failing.push(node.span.spanId);
    for (let k = node.children.length - 1; k >= 0; k--) stack.push(node.children[k]);
  }
  const logEvery = opts.logEvery ?? 1;
  const logs: TestLog[] = [];
  for (let i = 0; i < spans.length; i += logEvery) {
    const sp = spans[i];
    logs.push({
      service: sp.service,
      timeMs: sp.startMs + 0.1,
      body: `handled ${sp.name}`,
      traceId,
      spanId: sp.spanId,
      severityNumber: sp.statusCode === 2 ? 17 : 9,
    });
  }
  return { traceId, spans, logs, order, failing };
}

async function post(url: string, body: unknown): Promise<void> {
  const payload = JSON.stringify(body);
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      res = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: payload });
    } catch (error) {
      // A kept-alive connection the server closed as this request left (ECONNRESET): it was not read.
      if (attempt < 3) continue;
      throw error;
    }
    if (res.status !== 200) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
    return;
  }
}

/**
 * Sends a shaped trace to a server over OTLP/JSON: its spans in chunks, two requests in flight (the
 * server decodes one while its writer commits the other), then its log lines.
 */
export async function ingestShapedTrace(baseUrl: string, trace: ShapedTrace, chunk = 5_000): Promise<void> {
  const chunks: number[] = [];
  for (let i = 0; i < trace.spans.length; i += chunk) chunks.push(i);
  const send = async () => {
    for (let i = chunks.shift(); i !== undefined; i = chunks.shift()) await post(`${baseUrl}/v1/traces`, tracesRequest(trace.spans.slice(i, i + chunk)));
  };
  await Promise.all([send(), send()]);
  await post(`${baseUrl}/v1/logs`, logsRequest(trace.logs));
}
