/**
 * What bench/ingest.ts and bench/store-rollup.ts do alike over HTTP: send OTLP protobuf bodies with
 * a few concurrent senders, and time sequential GETs of the API.
 */
import http from "node:http";

/**
 * POSTs each body to `${url}/v1/traces`, `senders` at a time, in order; throws unless each answers
 * 200. Sent with node:http over keep-alive connections of their own (closed at the end), as lean
 * as an exporter: fetch (undici) cost 3–4 ms of this process's CPU a request, on the same 2 cores
 * as the server it measures.
 */
export async function drain(url: string, bodies: Uint8Array<ArrayBuffer>[], senders: number): Promise<void> {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: senders });
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) await send(target, agent, bodies[next++]);
  };
  try {
    await Promise.all(Array.from({ length: senders }, worker));
  } finally {
    agent.destroy();
  }
}

function post(url: URL, agent: http.Agent, body: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/x-protobuf", "content-length": body.byteLength };
    const req = http.request({ host: url.hostname, port: url.port, path: "/v1/traces", method: "POST", agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => (res.statusCode === 200 ? resolve() : reject(new Error(`ingest answered ${res.statusCode}: ${Buffer.concat(chunks).toString()}`))));
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function send(url: URL, agent: http.Agent, body: Uint8Array, retried = false): Promise<void> {
  try {
    await post(url, agent, body);
  } catch (err) {
    // A keep-alive connection the server closed as this request went out: send again, once, on a
    // new one. A re-sent span is not stored twice.
    if (!retried && (err as { code?: string }).code === "ECONNRESET") return send(url, agent, body, true);
    throw err;
  }
}

/**
 * `count` sequential GETs, the i-th of `urlOf(i)`, each timed from the request to its parsed JSON
 * body; throws naming `what` unless a call answers 200 with a body `check` accepts. The latencies
 * (ms), in call order.
 */
export async function timedGets(count: number, urlOf: (i: number) => string, what: string, check: (body: unknown) => boolean): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const url = urlOf(i);
    const t = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as unknown;
    latencies.push(performance.now() - t);
    if (res.status !== 200 || !check(body)) throw new Error(`${what} (${url}) answered ${res.status}: ${JSON.stringify(body).slice(0, 300)}`);
  }
  return latencies;
}
