/**
 * OTLP/HTTP request bodies for POST /v1/traces and /v1/logs: truncated, garbage, oversized and
 * gzip-bomb bodies, wrong content types and encodings, and a few valid ones.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { logsRequest, tracesRequest } from "../../../e2e/support/otlp-json";
import { hostileText } from "./hostile-text";
import { hex, type Rng } from "./prng";

export type Expectation = "reject" | "accept" | "any";

export interface OtlpCase {
  note: string;
  headers: Record<string, string>;
  body: Uint8Array | (() => ReadableStream<Uint8Array>);
  expect: Expectation;
}

const PROTOBUF = "application/x-protobuf";
const JSON_TYPE = "application/json";
const utf8 = (s: string) => new TextEncoder().encode(s);

let protobufFixture: Uint8Array | null = null;
/** The OpenTelemetry project's example ExportTraceServiceRequest (test/fixtures/otlp). */
function traceProtobuf(): Uint8Array {
  protobufFixture ??= new Uint8Array(readFileSync(path.resolve(__dirname, "../../fixtures/otlp/trace.protobuf-bin")));
  return protobufFixture;
}

let bomb: Uint8Array | null = null;
/** 64 MiB of zeros, gzipped to about 64 KiB: past any sane ingest limit once inflated. */
export function gzipBomb(): Uint8Array {
  bomb ??= new Uint8Array(gzipSync(Buffer.alloc(64 * 2 ** 20), { level: 9 }));
  return bomb;
}

export function validTracesJson(rng: Rng, traceHex = hex(rng, 32), service = "fuzz-svc"): Uint8Array {
  const now = Date.now();
  return utf8(
    JSON.stringify(tracesRequest([{ traceId: traceHex, spanId: hex(rng, 16), service, name: hostileText(rng).slice(0, 100), startMs: now - 50, endMs: now }])),
  );
}

function validLogsJson(rng: Rng): Uint8Array {
  return utf8(JSON.stringify(logsRequest([{ service: "fuzz-svc", timeMs: Date.now(), body: hostileText(rng), traceId: hex(rng, 32), spanId: hex(rng, 16) }])));
}

function randomBytes(rng: Rng, n: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = rng.int(0, 255);
  return b;
}

/** A body streamed in chunks with no Content-Length, `total` bytes long. */
function streamed(total: number): () => ReadableStream<Uint8Array> {
  return () => {
    let sent = 0;
    return new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= total) return controller.close();
        const n = Math.min(256 * 1024, total - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(0x0a));
      },
    });
  };
}

/** One OTLP case for `signal`; `limitBytes` is the app's INGEST_MAX_BODY_MB in bytes. */
export function otlpCase(rng: Rng, signal: "traces" | "logs", limitBytes: number): OtlpCase {
  const pb = traceProtobuf();
  const cases: (() => OtlpCase)[] = [
    () => ({ note: "truncated protobuf", headers: { "content-type": PROTOBUF }, body: pb.slice(0, rng.int(1, pb.length - 1)), expect: "any" }),
    () => ({ note: "random bytes as protobuf", headers: { "content-type": PROTOBUF }, body: randomBytes(rng, rng.int(1, 4096)), expect: "any" }),
    () => ({ note: "random bytes as JSON", headers: { "content-type": JSON_TYPE }, body: randomBytes(rng, rng.int(1, 4096)), expect: "reject" }),
    () => ({
      note: "broken JSON",
      headers: { "content-type": JSON_TYPE },
      body: utf8(rng.pick(["{", '{"resourceSpans":', '{"resourceSpans":[{]}', "'single'", "{\u0000}", '{"a":1,}', "[".repeat(rng.int(1_000, 200_000))])),
      expect: "reject",
    }),
    () => ({
      note: "well-formed JSON of the wrong shape",
      headers: { "content-type": JSON_TYPE },
      body: utf8(
        rng.pick([
          "null",
          "42",
          '"x"',
          '{"resourceSpans":5}',
          '{"resourceLogs":{"a":1}}',
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"zz","spanId":"yy"}]}]}]}',
          '{"resourceSpans":[{"scopeSpans":[{"spans":[{"traceId":"' +
            hex(rng, 32) +
            '","spanId":"' +
            hex(rng, 16) +
            '","startTimeUnixNano":"-5","endTimeUnixNano":"NaN"}]}]}]}',
          `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":${JSON.stringify(hostileText(rng))}}}]}}]}`,
        ]),
      ),
      expect: "any",
    }),
    () => ({ note: "gzip bomb", headers: { "content-type": rng.pick([PROTOBUF, JSON_TYPE]), "content-encoding": "gzip" }, body: gzipBomb(), expect: "reject" }),
    () => ({
      note: "not gzip though it says so",
      headers: { "content-type": PROTOBUF, "content-encoding": "gzip" },
      body: randomBytes(rng, rng.int(1, 512)),
      expect: "reject",
    }),
    () => ({
      note: "truncated gzip",
      headers: { "content-type": JSON_TYPE, "content-encoding": "gzip" },
      body: new Uint8Array(gzipSync(validTracesJson(rng))).slice(0, 20),
      expect: "reject",
    }),
    () => ({
      note: "unsupported content-encoding",
      headers: {
        "content-type": PROTOBUF,
        "content-encoding": rng.pick(["br", "deflate", "zstd", "gzip, gzip", hostileText(rng).replace(/[^\x20-\x7e]/g, "x")]),
      },
      body: pb,
      expect: "reject",
    }),
    () => ({ note: "oversized body", headers: { "content-type": PROTOBUF }, body: new Uint8Array(limitBytes + rng.int(1, 4096)), expect: "reject" }),
    () => ({
      note: "oversized streamed body (no content-length)",
      headers: { "content-type": JSON_TYPE },
      body: streamed(limitBytes + 300_000),
      expect: "reject",
    }),
    () => ({
      note: "wrong content type",
      headers: rng.chance(0.2)
        ? ({} as Record<string, string>)
        : {
            "content-type": rng.pick([
              "text/plain",
              "multipart/form-data; boundary=x",
              "application/jsonx",
              "application/xml",
              "application/grpc",
              "*/*",
              "application/x-www-form-urlencoded",
            ]),
          },
      body: pb,
      expect: "reject",
    }),
    () => ({
      note: "valid OTLP/JSON",
      headers: { "content-type": JSON_TYPE },
      body: signal === "traces" ? validTracesJson(rng) : validLogsJson(rng),
      expect: "accept",
    }),
    () => ({
      note: "valid OTLP/JSON, gzipped",
      headers: { "content-type": "Application/JSON; charset=utf-8", "content-encoding": "gzip" },
      body: new Uint8Array(gzipSync(signal === "traces" ? validTracesJson(rng) : validLogsJson(rng))),
      expect: "accept",
    }),
    () => ({ note: "empty protobuf body", headers: { "content-type": PROTOBUF }, body: new Uint8Array(0), expect: "any" }),
  ];
  return rng.pick(cases)();
}
