/** Reads a request body into memory, refusing (413) past a byte limit. */
import { ApiError } from "./api-error";

/** `setting`: what sets the limit, named in the message (e.g. "INGEST_MAX_BODY_MB"). */
export const bodyTooLarge = (limit: number, setting: string) =>
  new ApiError(413, "body_too_large", `The request body is larger than the limit of ${limit} bytes (${setting}).`);

export async function readBody(request: Request, limit: number, setting: string): Promise<Uint8Array> {
  const tooLarge = (n: number) => bodyTooLarge(n, setting);
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await discardRest(reader, limit);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

/** How much more of an oversized streamed body is read (and thrown away) so the sender gets its 413. */
const DRAIN_FACTOR = 4;
const DRAIN_MS = 10_000;

/**
 * Reads and drops the rest of an oversized streamed (chunked) body, up to DRAIN_FACTOR × the
 * limit and DRAIN_MS. Cancelling at once would destroy the connection: the sender would see a
 * reset instead of the 413 (an OTLP exporter retries a reset, forever, but not a 413), and its
 * client could already have queued its next request on that keep-alive connection. Past the
 * bound, the connection is given up after all.
 */
async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, limit: number): Promise<void> {
  const deadline = Date.now() + DRAIN_MS;
  let drained = 0;
  while (drained <= DRAIN_FACTOR * limit && Date.now() < deadline) {
    const { done, value } = await reader.read();
    if (done) return;
    drained += value.byteLength;
  }
  await reader.cancel();
}
