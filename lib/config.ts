/**
 * Server configuration from the environment, validated once. Server-only: never import from a
 * client component (nothing from process.env but NEXT_PUBLIC_* may reach the browser).
 */
import "server-only";
import { z } from "zod";
import path from "node:path";
import { parseAuthConfig, type AuthConfig } from "./auth/auth-config";
import { ConfigError } from "./config-error";
import { parseSnapshotStoreConfig, type SnapshotStoreConfig } from "./snapshots/snapshot-store-config";

export { ConfigError };

const positiveNumber = (name: string, def: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === "") return def;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0) {
        ctx.addIssue({ code: "custom", message: `${name} must be a positive number, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const schema = z.object({
  DATA_SOURCE: z.enum(["local", "aws"], { message: 'DATA_SOURCE must be "local" or "aws"' }).default("local"),
  DATA_DIR: z.string().default("./data"),
  RETENTION_DAYS: positiveNumber("RETENTION_DAYS", 7),
  STORE_MAX_MB: positiveNumber("STORE_MAX_MB", 4096),
  INGEST_MAX_BODY_MB: positiveNumber("INGEST_MAX_BODY_MB", 16),
  MAX_WINDOW_HOURS: positiveNumber("MAX_WINDOW_HOURS", 24 * 31),
  TRACE_WINDOW_FROM_SPANS: positiveNumber("TRACE_WINDOW_FROM_SPANS", 1_000),
  TRACE_READ_MAX_SPANS: positiveNumber("TRACE_READ_MAX_SPANS", 100_000),
  TRACE_GROWING_FROM_SPANS: positiveNumber("TRACE_GROWING_FROM_SPANS", 200_000),
});

export interface Config {
  dataSource: "local" | "aws";
  dataDir: string;
  retentionMs: number;
  storeMaxBytes: number;
  ingestMaxBodyBytes: number;
  maxWindowMs: number;
  /** Traces with more spans than this are shown through windows of rows kept on the server (lib/http/trace-outline-cache.ts). */
  traceWindowFromSpans: number;
  /**
   * The most spans a whole-trace read answers (the trace as JSON or OTLP, a snapshot, the
   * percentile and typical comparisons); a larger trace is read in windows of rows only.
   */
  traceReadMaxSpans: number;
  /**
   * Traces of this many spans are laid out while still receiving spans (the local store's outline
   * builder), so that a page opened meanwhile shows the outline laid out so far.
   */
  traceGrowingFromSpans: number;
  auth: AuthConfig;
  snapshotStore: SnapshotStoreConfig;
}

/** The settings above from `env`; throws ConfigError naming the first bad one. */
export function parseConfig(env: Record<string, string | undefined>): Config {
  const r = schema.safeParse(env);
  if (!r.success) {
    const first = r.error.issues[0];
    throw new ConfigError(`Invalid configuration: ${first.message}`);
  }
  const c = r.data;
  return {
    dataSource: c.DATA_SOURCE,
    dataDir: path.resolve(c.DATA_DIR),
    retentionMs: c.RETENTION_DAYS * 86_400_000,
    storeMaxBytes: Math.round(c.STORE_MAX_MB * 1024 * 1024),
    ingestMaxBodyBytes: Math.round(c.INGEST_MAX_BODY_MB * 1024 * 1024),
    maxWindowMs: c.MAX_WINDOW_HOURS * 3_600_000,
    traceWindowFromSpans: Math.floor(c.TRACE_WINDOW_FROM_SPANS),
    traceReadMaxSpans: Math.floor(c.TRACE_READ_MAX_SPANS),
    traceGrowingFromSpans: Math.floor(c.TRACE_GROWING_FROM_SPANS),
    auth: parseAuthConfig(env),
    snapshotStore: parseSnapshotStoreConfig(env),
  };
}

let cached: Config | undefined;

export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
