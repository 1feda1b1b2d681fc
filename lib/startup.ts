/**
 * Server start-up: invalid configuration stops the process with one clear line, and the embedded
 * store is opened (schema created or migrated, retention scheduled) before the first request.
 */
import { config } from "./config";
import { localStore } from "./sources";

export function checkConfigAndOpenStore(): void {
  try {
    const c = config();
    if (c.dataSource === "local") localStore();
    console.log(`[sightline] source=${c.dataSource}${c.dataSource === "local" ? ` data=${c.dataDir}` : ""}`);
  } catch (err) {
    console.error(`[sightline] ${(err as Error).message}`);
    process.exit(1);
  }
}
