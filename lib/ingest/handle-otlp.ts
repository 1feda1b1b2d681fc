/**
 * POST /v1/traces and /v1/logs: content negotiation, size limit, gzip, decode, one transactional write
 * (on the store's writer thread). The answer is 200 only after the batch is committed (durable); a
 * bad request stores nothing.
 */
import "server-only";
import { AUTH_RETRY_AFTER_S, authorize } from "../auth/authorize";
import { config } from "../config";
import { ApiError } from "../http/api-error";
import { decodeLogs, decodeTraces, OtlpDecodeError, type OtlpEncoding } from "../sources/local/otlp";
import { localStore } from "../sources";
import { readBody } from "../http/read-body";
import { REQUEST_ID_HEADER } from "../http/request-observer";
import { log } from "../log/logger";
import { metrics } from "../metrics/metrics";
import { StoreFullError } from "../sources/local/store/store-full";
import { decodeContentEncoding } from "./content-encoding";
import { otlpFailure, otlpSuccess } from "./otlp-response";
import { storeFullResponse } from "./store-full-response";

export type Signal = "traces" | "logs";

function encodingOf(contentType: string | null): OtlpEncoding | null {
  const mime = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (mime === "application/x-protobuf" || mime === "application/protobuf") return "protobuf";
  if (mime === "application/json") return "json";
  return null;
}

/** Answers an OTLP export, counted in /metrics: the request by status, its items as accepted or rejected. */
export async function handleOtlpExport(request: Request, signal: Signal): Promise<Response> {
  const counted = { items: 0 };
  const response = await answerOtlpExport(request, signal, counted);
  const m = metrics();
  m.otlpRequests.inc({ signal, status: String(response.status) });
  if (counted.items > 0) m.otlpItems.inc({ signal: signal === "traces" ? "spans" : "logs", outcome: response.ok ? "accepted" : "rejected" }, counted.items);
  return response;
}

async function answerOtlpExport(request: Request, signal: Signal, counted: { items: number }): Promise<Response> {
  const encoding = encodingOf(request.headers.get("content-type"));
  const c = config();
  // Before the body is read: an unauthenticated sender costs us no decoding. (proxy.ts leaves
  // these paths alone so it never buffers their bodies.) The listen address does not matter here.
  const access = await authorize({ path: `/v1/${signal}`, header: (name) => request.headers.get(name) }, c.auth, false);
  if (!access.allow) {
    const res = otlpFailure(encoding ?? "json", access.status, access.code, access.message, access.status === 503 ? AUTH_RETRY_AFTER_S : undefined);
    if (access.challenge) res.headers.set("www-authenticate", access.challenge);
    return res;
  }
  if (!encoding) {
    const got = (request.headers.get("content-type") ?? "none").slice(0, 60);
    return otlpFailure("json", 415, "unsupported_media_type", `Content-Type must be application/x-protobuf or application/json, got ${got}.`);
  }
  if (c.dataSource !== "local") {
    return otlpFailure(encoding, 404, "ingest_unavailable", "OTLP ingest writes to the embedded store; it is off when DATA_SOURCE=aws.");
  }
  try {
    const raw = await readBody(request, c.ingestMaxBodyBytes, "INGEST_MAX_BODY_MB");
    const body = await decodeContentEncoding(raw, request.headers.get("content-encoding"), c.ingestMaxBodyBytes);
    const batch = signal === "traces" ? decodeTraces(body, encoding) : decodeLogs(body, encoding);
    counted.items = signal === "traces" ? batch.spans.length : batch.logs.length;
    // Resolves once the batch is committed, on the store's writer thread.
    await localStore().ingest(batch);
    return otlpSuccess(encoding);
  } catch (err) {
    if (err instanceof OtlpDecodeError) return otlpFailure(encoding, 400, "invalid_otlp", err.message);
    if (ApiError.is(err)) return otlpFailure(encoding, err.status, err.code, err.message);
    if (StoreFullError.is(err)) return storeFullResponse(err, encoding, signal);
    log().error(`OTLP ${signal} ingest failed`, { requestId: request.headers.get(REQUEST_ID_HEADER) ?? undefined }, err);
    return otlpFailure(encoding, 503, "ingest_failed", "The store could not take the batch; retry later.");
  }
}
