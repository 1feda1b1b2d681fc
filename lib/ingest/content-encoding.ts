/** Un-gzips an OTLP body under the ingest limit (a gzip bomb is a 413, not an out-of-memory). */
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { ApiError } from "../http/api-error";
import { bodyTooLarge } from "../http/read-body";

const gunzipAsync = promisify(gunzip);
const tooLarge = (limit: number) => bodyTooLarge(limit, "INGEST_MAX_BODY_MB");

export async function decodeContentEncoding(body: Uint8Array, encoding: string | null, limit: number): Promise<Uint8Array> {
  const e = (encoding ?? "identity").trim().toLowerCase();
  if (e === "identity" || e === "") return body;
  if (e !== "gzip") {
    throw new ApiError(415, "unsupported_content_encoding", `Content-Encoding "${e.slice(0, 40)}" is not supported; use gzip or none.`);
  }
  try {
    return await gunzipAsync(body, { maxOutputLength: limit });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw tooLarge(limit);
    throw new ApiError(400, "invalid_gzip", `The gzip body could not be decompressed: ${(err as Error).message}`);
  }
}
