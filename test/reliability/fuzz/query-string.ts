/** Query strings from pairs: values percent-encoded, or on purpose left raw (malformed %-escapes). */
import { encodeComponent } from "./hostile-text";

export function queryString(pairs: readonly (readonly [string, string])[], raw: readonly (readonly [string, string])[] = []): string {
  const parts = [...pairs.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`), ...raw.map(([k, v]) => `${k}=${v}`)];
  return parts.length ? `?${parts.join("&")}` : "";
}
