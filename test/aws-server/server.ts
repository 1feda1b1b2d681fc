/**
 * The HTTP server: binds 127.0.0.1 only, records every call, checks the SigV4 header, applies
 * latency and injected faults, then runs the operation and answers in the service's protocol
 * (JSON for X-Ray and CloudWatch Logs, REST-XML and raw object bytes for S3).
 * close() clears every timer and destroys every socket.
 */
import { randomUUID } from "node:crypto";
import { type IncomingMessage, type ServerResponse, createServer } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { AwsError, type Protocol, startResult, writeError, writeResult } from "./aws-error";
import { throttleError } from "./fault-errors";
import type { ServerContext } from "./context";
import { FaultBook, type TransportDecision } from "./faults";
import { LogStore } from "./logs/log-store";
import { QueryRegistry } from "./logs/query-registry";
import { putSpanRecords } from "./logs/span-records";
import { routeOf } from "./operations";
import type { S3Reply, S3Request } from "./s3/s3-handlers";
import { s3Input } from "./s3/s3-routes";
import { S3Store } from "./s3/s3-store";
import { signatureProblem } from "./signature";
import { ServerClosed, Timers } from "./timers";
import { type AwsTestServer, DEFAULT_SETTINGS, type Fault, type RecordedCall, type ServerSettings } from "./types";
import { SegmentStore } from "./xray/segment-store";

const MAX_BODY_BYTES = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new AwsError("RequestEntityTooLarge", "Request body too large", 413));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function writeS3Reply(res: ServerResponse, reply: S3Reply): void {
  if (res.destroyed || res.headersSent) return;
  const requestId = randomUUID().replace(/-/g, "").slice(0, 16).toUpperCase();
  // HEAD answers carry the object's Content-Length (from reply.headers) and no body.
  res.writeHead(reply.status, { "content-length": String(Buffer.byteLength(reply.body)), "x-amz-request-id": requestId, ...reply.headers });
  res.end(reply.body);
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export async function startAwsTestServer(options: { port?: number } = {}): Promise<AwsTestServer> {
  const timers = new Timers();
  const sockets = new Set<Socket>();
  const calls: RecordedCall[] = [];
  const now = () => Date.now();
  const ctx: ServerContext = {
    segments: new SegmentStore(),
    logs: new LogStore(now),
    queries: new QueryRegistry(now),
    faults: new FaultBook(),
    settings: { ...DEFAULT_SETTINGS, latencyMs: {} },
    retrievals: new Map(),
    s3: new S3Store(),
    now,
  };

  /** Accepted requests per operation in the last second (rateLimits). */
  const recent = new Map<string, number[]>();
  function overQuota(op: string): boolean {
    const limit = ctx.settings.rateLimits[op] ?? ctx.settings.rateLimits["*"];
    if (limit === undefined) return false;
    const t = now();
    const times = (recent.get(op) ?? []).filter((at) => t - at < 1000);
    recent.set(op, times);
    if (times.length >= limit) return true;
    times.push(t);
    return false;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const route = routeOf(req);
    const raw = await readBody(req);
    const s3Request: S3Request | null = route.service === "s3" ? { method: req.method ?? "GET", ...route.address, headers: req.headers, body: raw } : null;
    const body = s3Request ? ({ ok: true, value: null } as const) : parseJson(raw.toString("utf8"));
    const call: RecordedCall = { op: route.op, input: s3Request ? s3Input(s3Request) : body.ok ? body.value : null, at: now() };
    calls.push(call);

    if (route.handler === null) {
      const what = route.service === "logs" ? `target ${String(req.headers["x-amz-target"])}` : `${req.method} ${req.url}`;
      if (route.service === "s3") {
        const message = `The AWS test server has no S3 operation for ${what} (only PutObject, GetObject, HeadObject, DeleteObject, ListObjectsV2).`;
        writeError(res, route.protocol, new AwsError("NotImplemented", message, 501));
        return;
      }
      const status = route.service === "logs" ? 400 : 404;
      writeError(res, route.protocol, new AwsError("UnknownOperationException", `The AWS test server has no operation for ${what}.`, status));
      return;
    }
    const unsigned = signatureProblem(req, route.service);
    if (unsigned) {
      writeError(res, route.protocol, unsigned);
      return;
    }

    const latency = ctx.settings.latencyMs[route.op] ?? ctx.settings.latencyMs["*"] ?? 0;
    if (overQuota(route.op)) {
      call.fault = "rateLimited";
      writeError(res, route.protocol, throttleError(route.service));
      return;
    }
    const decision = ctx.faults.decide(route.service, route.op);
    if (decision.reset) call.fault = "reset";
    else if (decision.lostAnswer) call.fault = "lostAnswer";
    else if (decision.error) call.fault = decision.error.name;
    else if (decision.cutAfter !== null) call.fault = "cutAnswer";
    else if (decision.slowMs > 0) call.fault = "slow";
    else if (decision.bytesPerSecond !== null) call.fault = "trickle";
    await timers.sleep(Math.max(latency, decision.slowMs));
    if (decision.reset) {
      req.socket.destroy();
      return;
    }
    if (decision.error) {
      writeError(res, route.protocol, decision.error);
      return;
    }
    if (!body.ok) {
      writeError(res, route.protocol, new AwsError("SerializationException", "The request body is not valid JSON.", 400));
      return;
    }
    let result: unknown;
    try {
      result = route.service === "s3" ? route.handler(ctx, s3Request!) : route.handler(ctx, body.value);
    } catch (error) {
      if (error instanceof AwsError) call.error = error.name;
      throw error;
    }
    if (decision.lostAnswer) {
      req.socket.destroy();
      return;
    }
    if (route.service === "s3") writeS3Reply(res, result as S3Reply);
    else if (decision.cutAfter === null && decision.bytesPerSecond === null) writeResult(res, route.protocol, result);
    else await writeInPieces(res, route.protocol, result, decision);
  }

  /** A JSON answer sent in pieces: paced (`trickle`), or broken off (`cutAnswer`). */
  async function writeInPieces(res: ServerResponse, protocol: Protocol, result: unknown, decision: TransportDecision): Promise<void> {
    if (res.destroyed || res.headersSent) return;
    const body = startResult(res, protocol, result);
    const cut = decision.cutAfter === null ? body.length : decision.cutAfter < 0 ? Math.floor(body.length / 2) : Math.min(decision.cutAfter, body.length);
    const piece = 64 * 1024;
    const started = performance.now();
    for (let at = 0; at < cut; at += piece) {
      if (res.destroyed) return;
      if (decision.bytesPerSecond !== null) await timers.sleep(Math.max(0, (at / decision.bytesPerSecond) * 1000 - (performance.now() - started)));
      res.write(body.subarray(at, Math.min(at + piece, cut)));
    }
    if (cut < body.length) {
      // Let what was written reach the client, then break the connection off.
      await new Promise<void>((resolve) => res.write("", () => resolve()));
      res.socket?.destroy();
      return;
    }
    res.end();
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ServerClosed) return;
      const protocol = routeOf(req).protocol;
      if (error instanceof AwsError) {
        writeError(res, protocol, error);
        return;
      }
      console.error("[aws-test-server] handler failed:", error);
      writeError(res, protocol, new AwsError("InternalFailure", `The AWS test server failed: ${String(error)}`, 500));
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        timers.clearAll();
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    putSegments(documents: object[]) {
      documents.forEach((doc, i) => {
        const problem = ctx.segments.put(doc);
        if (problem !== null) throw new TypeError(`putSegments: document ${i}: ${problem}`);
      });
    },
    putSpans(records: object[]) {
      putSpanRecords(ctx.logs, records);
    },
    putLogEvents(logGroup, logStream, events, logGroupClass, account) {
      ctx.logs.seed(logGroup, logStream, events, logGroupClass, account);
    },
    inject(op: string, fault: Fault) {
      ctx.faults.inject(op, fault);
    },
    clearFaults() {
      ctx.faults.clear();
    },
    clearData() {
      ctx.segments = new SegmentStore();
      ctx.logs = new LogStore(now);
    },
    createBucket(name: string) {
      ctx.s3.createBucket(name);
    },
    s3Object(bucket: string, key: string) {
      return ctx.s3.bucket(bucket)?.get(key);
    },
    configure(settings: Partial<ServerSettings>) {
      ctx.settings = { ...ctx.settings, ...settings, latencyMs: { ...(settings.latencyMs ?? ctx.settings.latencyMs) } };
    },
  };
}
