/**
 * The answer to a batch the store could not take because its disk is full: 503, which OTLP
 * exporters retry (507 they would not: they would drop the batch), with Retry-After and a message
 * that says what is wrong and where. The server log gets one line, at most every LOG_EVERY_MS,
 * rather than a stack per refused batch.
 */
import type { OtlpEncoding } from "../sources/local/otlp";
import type { StoreFullError } from "../sources/local/store/store-full";
import { log } from "../log/logger";
import { otlpFailure } from "./otlp-response";

export const STORE_FULL_RETRY_AFTER_S = 30;
const LOG_EVERY_MS = 10_000;

let lastLogged = -Infinity;
let refusedSinceLog = 0;

export function storeFullResponse(
  err: StoreFullError,
  encoding: OtlpEncoding,
  signal: string,
  now = Date.now(),
  report = (line: string) => log().error(line),
): Response {
  refusedSinceLog++;
  if (now - lastLogged >= LOG_EVERY_MS) {
    report(`OTLP ${signal} refused (${refusedSinceLog} batch${refusedSinceLog === 1 ? "" : "es"} since the last report): ${err.message}`);
    lastLogged = now;
    refusedSinceLog = 0;
  }
  const message = `Disk full: ${err.message}. Free space in DATA_DIR (or lower RETENTION_DAYS or STORE_MAX_MB); retry later.`;
  return otlpFailure(encoding, 503, "store_disk_full", message, STORE_FULL_RETRY_AFTER_S);
}
