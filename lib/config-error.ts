const CONFIG_BRAND = Symbol.for("sightline.ConfigError");

/**
 * Invalid configuration. Recognise it with `ConfigError.is` (see ApiError on bundles). Free of
 * server-only imports, so the request proxy (proxy.ts) can throw it too.
 */
export class ConfigError extends Error {
  readonly [CONFIG_BRAND] = true;

  static is(err: unknown): err is ConfigError {
    return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[CONFIG_BRAND] === true;
  }
}
