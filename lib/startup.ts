/**
 * Server start-up: invalid configuration stops the process with one clear line, and the source
 * is created before the first request (for `local`: the store opened, its schema created or
 * migrated and retention scheduled; for `aws`: LOG_GROUPS and the tuning settings validated).
 */
import { config } from "./config";
import { getSource } from "./sources";

export function checkConfigAndOpenStore(): void {
  try {
    const c = config();
    getSource();
    console.log(`[sightline] source=${c.dataSource}${c.dataSource === "local" ? ` data=${c.dataDir}` : ""}`);
  } catch (err) {
    console.error(`[sightline] ${(err as Error).message}`);
    process.exit(1);
  }
}
