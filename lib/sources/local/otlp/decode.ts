/** The decoder's entry points: one OTLP/HTTP export request body → an IngestBatch. */
import type { IngestBatch } from "../records";
import { logsFromJson } from "./json-logs";
import { spansFromJson } from "./json-traces";
import { logsFromProtobuf } from "./protobuf-logs";
import { spansFromProtobuf } from "./protobuf-traces";

/** `application/x-protobuf` or `application/json` (OTLP/JSON). */
export type OtlpEncoding = "protobuf" | "json";

/**
 * The body of `POST /v1/traces` (already decompressed). Throws OtlpDecodeError, naming where,
 * for anything malformed; a request without resourceSpans is an empty batch.
 */
export function decodeTraces(body: Uint8Array, encoding: OtlpEncoding): IngestBatch {
  return { spans: encoding === "protobuf" ? spansFromProtobuf(body) : spansFromJson(body), logs: [] };
}

/** The body of `POST /v1/logs` (already decompressed). Same error contract as decodeTraces. */
export function decodeLogs(body: Uint8Array, encoding: OtlpEncoding): IngestBatch {
  return { spans: [], logs: encoding === "protobuf" ? logsFromProtobuf(body) : logsFromJson(body) };
}
