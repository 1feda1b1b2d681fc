/** An OTLP/JSON request body → its top-level object. */
import { OtlpDecodeError } from "./errors";
import { describeValue, isJsonObject, type JsonObject } from "./json-shape";

/** Invalid UTF-8 reads as U+FFFD, as in protobuf strings (see proto-schema.ts). */
const utf8 = new TextDecoder("utf-8");

/** `message` is the request's message name (ExportTraceServiceRequest…), used as the error path. */
export function parseJsonRequest(body: Uint8Array, message: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(body));
  } catch (err) {
    throw new OtlpDecodeError(message, `invalid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isJsonObject(value)) throw new OtlpDecodeError(message, `must be a JSON object, got ${describeValue(value)}`);
  return value;
}
