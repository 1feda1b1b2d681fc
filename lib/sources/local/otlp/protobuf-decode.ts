/** Run a protobufjs decoder over a request body, turning its exceptions into OtlpDecodeError. */
import type { Type } from "protobufjs";
import { OtlpDecodeError } from "./errors";

/** protobufjs reads strings natively (utf8Slice) from a Buffer, in JS from other Uint8Arrays. */
function asBuffer(body: Uint8Array): Buffer {
  return Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength);
}

/**
 * Decode `body` as the message `type`. The caller names the TypeScript shape of the result
 * (protobuf-messages.ts), which must describe that same message of proto-schema.ts.
 */
export function decodeProtobuf<T>(type: Type, body: Uint8Array): T {
  let message: unknown;
  try {
    message = type.decode(asBuffer(body));
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new OtlpDecodeError(type.name, `not a valid protobuf message (${detail})`);
  }
  // protobufjs boundary: the decoded Message has exactly the fields of the schema's type.
  return message as T;
}
