/**
 * Server start-up: invalid configuration stops the process with one clear line, and the source
 * is created before the first request (for `local`: the store opened, its schema created or
 * migrated and retention scheduled; for `aws`: LOG_GROUPS and the tuning settings validated).
 * SNAPSHOT_STORE and its S3 settings are validated with the rest of the configuration.
 */
import { isLoopback, listenHost } from "./auth/listen-address";
import { config } from "./config";
import { log } from "./log/logger";
import { parseMetricsPort, startMetricsServer } from "./metrics/metrics-server";
import { parseSelfTracingSettings } from "./self-tracing/self-tracing";
import { checkServerEnv } from "./server-env";
import { installGracefulShutdown } from "./shutdown";
import { getSource } from "./sources";

export function checkConfigAndOpenStore(): void {
  try {
    // Every setting, with the parsers below: the check scripts/validate-deploy.ts runs over deploy/.
    checkServerEnv(process.env);
    const c = config();
    getSource();
    const metricsPort = parseMetricsPort(process.env, process.env.PORT);
    installGracefulShutdown();
    const host = listenHost(process.argv, process.env);
    const selfTracing = parseSelfTracingSettings(process.env);
    const snapshots = c.snapshotStore.kind === "s3" ? `s3://${c.snapshotStore.bucket}/${c.snapshotStore.prefix}` : "sqlite";
    log().info(
      `started: ${selfTracing ? `self-tracing=${selfTracing.serviceName} ` : ""}source=${c.dataSource}${c.dataSource === "local" ? ` data=${c.dataDir}` : ""} snapshots=${snapshots} auth=${c.auth.mode}${c.auth.ingestToken ? " ingest=token" : ""} listen=${host} node=${process.version}`,
    );
    if (c.auth.mode === "none" && !isLoopback(host)) log().warn(openServerWarning(host));
    if (metricsPort !== null) startMetricsServer(metricsPort, host);
  } catch (err) {
    // Plain text on stderr whatever LOG_FORMAT says: it may be LOG_FORMAT itself that is wrong.
    console.error(`[sightline] ${(err as Error).message}`);
    process.exit(1);
  }
}

/** Loud on purpose: telemetry of production, open to whoever reaches this address. */
function openServerWarning(host: string): string {
  const line = "!".repeat(78);
  return [
    line,
    `[sightline] WARNING: AUTH_MODE=none and the server listens on ${host}, not loopback only.`,
    "[sightline] Anyone who can reach this address can read every trace and log and send telemetry.",
    "[sightline] Set AUTH_MODE=basic, proxy or alb (README, Access), or listen on loopback only",
    "[sightline] (HOSTNAME=127.0.0.1 for node server.js, LISTEN_HOST=127.0.0.1 for npm start).",
    line,
  ].join("\n");
}
