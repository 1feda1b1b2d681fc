/** Reads a request body into memory, refusing (413) past a byte limit, and un-gzips it under the same limit. */
import { gunzip } from "node:zlib";
import { promisify } from "node:util";
import { ApiError } from "../http/api-error";

const gunzipAsync = promisify(gunzip);

const tooLarge = (limit: number) =>
  new ApiError(413, "body_too_large", `The request body is larger than the ingest limit of ${limit} bytes (INGEST_MAX_BODY_MB).`);

export async function readBody(request: Request, limit: number): Promise<Uint8Array> {
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
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}

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
