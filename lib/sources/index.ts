/** The Source chosen by configuration, created once per server process. */
import "server-only";
import { config } from "../config";
import type { Source } from "./source";
import { getStore } from "./local/store/singleton";
import { LocalSource } from "./local/local-source";
import { type AwsSource, createAwsSourceFromEnv } from "./aws/aws-source";

/** The embedded store of DATA_DIR (OTLP ingest writes it; the local source reads it). */
export function localStore() {
  const c = config();
  return getStore({
    dataDir: c.dataDir,
    retention: { maxAgeMs: c.retentionMs, maxBytes: c.storeMaxBytes, intervalMs: 60_000 },
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

/**
 * The AWS source when it is the configured one: for what only AWS has (filter expressions, query
 * cancel). Decided by `kind`, not `instanceof`: Next.js bundles each route on its own, so the
 * class a route imports is not the class object that built the shared instance.
 */
export function awsSource(): AwsSource | null {
  const s = getSource();
  return s.kind === "aws" ? (s as AwsSource) : null;
}
