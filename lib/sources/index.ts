/** The Source chosen by configuration, created once per server process. */
import "server-only";
import { config } from "../config";
import type { Source } from "./source";
import { getStore } from "./local/store/singleton";
import { LocalSource } from "./local/local-source";
import { createAwsSourceFromEnv } from "./aws/aws-source";

/** The embedded store of DATA_DIR (OTLP ingest writes it; the local source reads it). */
export function localStore() {
  const c = config();
  return getStore({
    dataDir: c.dataDir,
    retention: { maxAgeMs: c.retentionMs, maxBytes: c.storeMaxBytes, intervalMs: 60_000 },
    writerThread: true,
    checkpointThread: true,
    outlineQueries: true,
    outlines: { fromSpans: c.traceWindowFromSpans, growingFromSpans: c.traceGrowingFromSpans, scanMs: 5_000 },
  });
}

const cache = globalThis as typeof globalThis & { sightlineSource?: Source };

/** Throws ConfigError (one line naming the setting) when the configuration is invalid. */
export function getSource(): Source {
  if (cache.sightlineSource) return cache.sightlineSource;
  const c = config();
  const source: Source = c.dataSource === "aws" ? createAwsSourceFromEnv(process.env) : new LocalSource(localStore(), { retentionMs: c.retentionMs });
  cache.sightlineSource = source;
  return source;
}
