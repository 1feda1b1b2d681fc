/**
 * npm run bench:store — the embedded store at a million spans: fills an empty store through OTLP
 * protobuf ingest (4 concurrent senders, 512-span requests) with 1,000,000 spans of 50 services
 * spread over the last 24 h (request by request in time order, as live ingest), then times through HTTP, 20 sequential calls each after one warm-up:
 * the service graph of the 24 h window (read from the rollup the writer maintains), and the trace
 * list of that window without a filter, with a service, with a status, and with both. Prints the
 * ingest rate of the fill (the rollup is written in the same transactions) and p50/p99 per call;
 * asserts only that the answers are not empty.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { type AppServer, startAppServer, waitForExit } from "../e2e/support/app-server";
import { percentileSorted } from "../lib/analysis/percentile";
import { drain, timedGets } from "./http-load";
import { ExportTraceServiceRequest } from "../lib/sources/local/otlp/proto-schema";

const PORT = 3199;
const SENDERS = 4;
const SERVICES = 50;
const SPANS_PER_TRACE = 32;
const TRACES_PER_BATCH = 16;
const SPANS_PER_BATCH = SPANS_PER_TRACE * TRACES_PER_BATCH;
const TARGET_SPANS = Number(process.env.BENCH_TOTAL_SPANS ?? 1_000_000);
const CALLS = 20;
const DAY_MS = 24 * 3_600_000;
const DATA_DIR = path.resolve(__dirname, "results/store-data");

let lastServer: AppServer | undefined;

const kv = (key: string, value: string | number) => ({ key, value: typeof value === "string" ? { stringValue: value } : { intValue: value } });
const service = (n: number) => `svc-${String(n).padStart(2, "0")}`;

/**
 * One trace: a front service's server span, then 10 calls, each a client span of the caller (an
 * HTTP call), the callee's server span, and the callee's database call (an inferred node) — 31
 * spans, plus an internal span. About 2 % of calls fail with 500, 1 % with 404, 0.3 % with 429.
 */
function trace(startMs: number, into: Map<string, object[]>): void {
  const traceId = randomBytes(16);
  const put = (svc: string, span: object) => {
    const list = into.get(svc) ?? [];
    list.push(span);
    into.set(svc, list);
  };
  const ns = (ms: number) => BigInt(Math.round(ms * 1e6)).toString();
  const rootId = randomBytes(8);
  const front = service(Math.floor(Math.random() * 5));
  put(front, {
    traceId,
    spanId: rootId,
    name: "GET /checkout",
    kind: 2,
    startTimeUnixNano: ns(startMs),
    endTimeUnixNano: ns(startMs + 120),
    attributes: [kv("http.request.method", "GET"), kv("http.route", "/checkout"), kv("http.response.status_code", 200)],
    status: { code: 0 },
  });
  put(front, {
    traceId,
    spanId: randomBytes(8),
    parentSpanId: rootId,
    name: "render",
    kind: 1,
    startTimeUnixNano: ns(startMs + 1),
    endTimeUnixNano: ns(startMs + 3),
  });
  let caller = front;
  let callerSpan = rootId;
  for (let c = 0; c < 10; c++) {
    const callee = service(5 + Math.floor(Math.random() * (SERVICES - 5)));
    const at = startMs + 5 + c * 10;
    const duration = 2 + Math.random() * 8 * (1 + (c % 3));
    const roll = Math.random();
    const http = roll < 0.02 ? 500 : roll < 0.03 ? 404 : roll < 0.033 ? 429 : 200;
    const status = http === 200 ? { code: 0 } : { code: 2, message: `HTTP ${http}` };
    const clientId = randomBytes(8);
    const serverId = randomBytes(8);
    put(caller, {
      traceId,
      spanId: clientId,
      parentSpanId: callerSpan,
      name: `GET ${callee}`,
      kind: 3,
      startTimeUnixNano: ns(at),
      endTimeUnixNano: ns(at + duration + 1),
      attributes: [kv("http.request.method", "GET"), kv("server.address", callee), kv("http.response.status_code", http)],
      status,
    });
    put(callee, {
      traceId,
      spanId: serverId,
      parentSpanId: clientId,
      name: "GET /item/{id}",
      kind: 2,
      startTimeUnixNano: ns(at + 0.5),
      endTimeUnixNano: ns(at + duration),
      attributes: [kv("http.request.method", "GET"), kv("http.route", "/item/{id}"), kv("http.response.status_code", http)],
      status,
    });
    put(callee, {
      traceId,
      spanId: randomBytes(8),
      parentSpanId: serverId,
      name: "SELECT items",
      kind: 3,
      startTimeUnixNano: ns(at + 1),
      endTimeUnixNano: ns(at + 1 + duration / 3),
      attributes: [kv("db.system", "postgresql"), kv("db.name", `db-${callee}`), kv("server.address", "db.internal")],
      status: { code: 0 },
    });
    // Every other call goes deeper: the callee becomes the next caller.
    if (c % 2 === 1) {
      caller = callee;
      callerSpan = serverId;
    }
  }
}

function encodeBatch(fromMs: number, toMs: number): Uint8Array<ArrayBuffer> {
  const byService = new Map<string, object[]>();
  for (let t = 0; t < TRACES_PER_BATCH; t++) trace(fromMs + Math.random() * (toMs - fromMs), byService);
  const message = ExportTraceServiceRequest.fromObject({
    resourceSpans: [...byService].map(([svc, spans]) => ({
      resource: { attributes: [kv("service.name", svc), kv("cloud.platform", "aws_ecs")] },
      scopeSpans: [{ scope: { name: "bench" }, spans }],
    })),
  });
  return new Uint8Array(ExportTraceServiceRequest.encode(message).finish());
}

async function time(url: string, what: string, check: (body: unknown) => boolean): Promise<string> {
  const [first, ...ms] = await timedGets(1 + CALLS, () => url, what, check);
  ms.sort((a, b) => a - b);
  return `${what}: first ${first.toFixed(1)} ms, then ${CALLS} calls p50 ${percentileSorted(ms, 50).toFixed(1)} ms, p99 ${percentileSorted(ms, 99).toFixed(1)} ms`;
}

async function main() {
  rmSync(DATA_DIR, { recursive: true, force: true });
  const server = await startAppServer(PORT, { DATA_DIR, RETENTION_DAYS: "36500", STORE_MAX_MB: "100000" });
  lastServer = server;
  try {
    const now = Date.now();
    const from = now - DAY_MS;
    let stored = 0;
    let ingestMs = 0;
    // As live ingest would: each request's traces start within its own slice of the day, in order.
    const slices = Math.ceil(TARGET_SPANS / SPANS_PER_BATCH);
    const sliceMs = DAY_MS / slices;
    while (stored < TARGET_SPANS) {
      // Encoded before sending, so the rate is the server's, not the encoder's.
      const first = stored / SPANS_PER_BATCH;
      const chunk = Array.from({ length: Math.min(100, slices - first) }, (_, i) =>
        encodeBatch(from + (first + i) * sliceMs, from + (first + i + 1) * sliceMs),
      );
      const t = performance.now();
      await drain(server.url, chunk, SENDERS);
      ingestMs += performance.now() - t;
      stored += chunk.length * SPANS_PER_BATCH;
    }
    console.log(
      `fill: ${stored} spans of ${SERVICES} services over 24 h in ${(ingestMs / 1000).toFixed(1)} s of sending = ${Math.round(stored / (ingestMs / 1000))} spans/s (protobuf, ${SPANS_PER_BATCH}-span batches, ${SENDERS} senders, rollup on)`,
    );

    const window = `from=${from}&to=${now + 60_000}`;
    const lines = [
      await time(
        `${server.url}/api/service-graph?${window}`,
        "GET /api/service-graph (24 h)",
        (b) => ((b as { nodes: unknown[] }).nodes?.length ?? 0) > SERVICES,
      ),
    ];
    const traces = (b: unknown) => ((b as { traces: unknown[] }).traces?.length ?? 0) > 0;
    for (const filter of ["", "&service=svc-17", "&status=fault", "&status=throttle", "&service=svc-17&status=fault", "&service=svc-17&status=throttle"]) {
      lines.push(await time(`${server.url}/api/traces?${window}${filter}`, `GET /api/traces (24 h, limit 100${filter.replaceAll("&", " ")})`, traces));
    }
    for (const line of lines) console.log(line);
    console.log(
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(" ")}`,
    );
  } finally {
    server.process.kill("SIGTERM");
    await waitForExit(server.process);
  }
}

main().catch((err) => {
  if (lastServer) console.error(lastServer.output().split("\n").slice(-40).join("\n"));
  console.error(err);
  process.exit(1);
});
