/**
 * What bench/ingest.ts and bench/store-rollup.ts do alike over HTTP: send OTLP protobuf bodies with
 * a few concurrent senders, and time sequential GETs of the API.
 */

/** POSTs each body to `${url}/v1/traces`, `senders` at a time, in order; throws unless each answers 200. */
export async function drain(url: string, bodies: Uint8Array<ArrayBuffer>[], senders: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) await send(url, bodies[next++]);
  };
  await Promise.all(Array.from({ length: senders }, worker));
}

async function send(url: string, body: Uint8Array<ArrayBuffer>, retried = false): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`${url}/v1/traces`, { method: "POST", body, headers: { "content-type": "application/x-protobuf" } });
  } catch (err) {
    // A keep-alive connection the server closed while this process encoded the next chunk (seconds
    // on a loaded machine): send again, once, on a new one. A re-sent span is not stored twice.
    if (!retried && (err as { cause?: { code?: string } }).cause?.code === "UND_ERR_SOCKET") return send(url, body, true);
    throw err;
  }
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${await res.text()}`);
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
