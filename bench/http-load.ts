/**
 * What bench/ingest.ts and bench/store-rollup.ts do alike over HTTP: send OTLP protobuf bodies with
 * a few concurrent senders, and time sequential GETs of the API.
 */
import http from "node:http";
import { brotliDecompressSync } from "node:zlib";

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

/** The body of a GET over `agent`, decompressed: its status and parsed JSON. */
function getJson(url: string, agent: http.Agent): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers: { "accept-encoding": "br" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        try {
          const raw = Buffer.concat(chunks);
          const text = (res.headers["content-encoding"] === "br" ? brotliDecompressSync(raw) : raw).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
        } catch (err) {
          reject(err as Error);
        }
      });
    });
    req.on("error", reject);
  });
}

/**
 * `count` sequential GETs, the i-th of `urlOf(i)`, each timed from the request to its parsed JSON
 * body; throws naming `what` unless a call answers 200 with a body `check` accepts. The latencies
 * (ms), in call order. Asked with `Accept-Encoding: br`, as a browser asks, over node:http with
 * keep-alive: through fetch (undici), the bench's own garbage collections put 20–50 ms pauses
 * into the latencies it measured (about 1 call in 100), which the server did not cause.
 */
export async function timedGets(count: number, urlOf: (i: number) => string, what: string, check: (body: unknown) => boolean): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const url = urlOf(i);
      const t = performance.now();
      const { status, body } = await getJson(url, agent);
      latencies.push(performance.now() - t);
      if (status !== 200 || !check(body)) throw new Error(`${what} (${url}) answered ${status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
  } finally {
    agent.destroy();
  }
  return latencies;
}
