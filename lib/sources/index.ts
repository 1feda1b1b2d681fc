/** The Source chosen by configuration, created once per server process. */
import "server-only";
import { config, ConfigError } from "../config";
import type { Source } from "./source";
import { getStore } from "./local/store/singleton";
import { LocalSource } from "./local/local-source";

export function localStore() {
  const c = config();
  return getStore({
    dataDir: c.dataDir,
    retention: { maxAgeMs: c.retentionMs, maxBytes: c.storeMaxBytes, intervalMs: 60_000 },
  });
}

let source: Source | undefined;

export function getSource(): Source {
  if (source) return source;
  const c = config();
  if (c.dataSource === "aws") {
    throw new ConfigError("DATA_SOURCE=aws: the AWS source is not available in this build yet; use DATA_SOURCE=local");
  }
  source = new LocalSource(localStore());
  return source;
}
