/**
 * Sightline's own log: one JSON object a line on stdout (pino), for a log shipper to read —
 * `{"level":"info","time":"…","msg":"…", …fields}`. LOG_FORMAT=text writes `[sightline] msg k=v`
 * lines for a person at a terminal (npm run demo); LOG_LEVEL (debug, info, warn, error; default
 * info) drops what is below it.
 *
 * What goes in: events of the server (start, shutdown, failures with their error) and one line a
 * request (lib/http/request-observer.ts: method, route template, status, duration, request ID).
 * What never goes in: credentials, tokens, request bodies, query strings, and the user's
 * telemetry (span attributes, log lines) — callers pass fields, and errors are reduced to their
 * name, message and stack.
 */
import pino from "pino";

type LogLevel = "debug" | "info" | "warn" | "error";
type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields, err?: unknown): void;
  error(msg: string, fields?: LogFields, err?: unknown): void;
}

const LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error"];

export interface LogSettings {
  format: "json" | "text";
  level: LogLevel;
}

/** LOG_FORMAT and LOG_LEVEL; a value it does not know is a configuration error (startup.ts stops with it). */
export function parseLogSettings(env: Record<string, string | undefined>): LogSettings {
  const format = (env.LOG_FORMAT ?? "json").trim().toLowerCase() || "json";
  if (format !== "json" && format !== "text") throw new Error(`LOG_FORMAT must be json or text, got ${JSON.stringify(env.LOG_FORMAT)}.`);
  const level = (env.LOG_LEVEL ?? "info").trim().toLowerCase() || "info";
  if (!(LEVELS as readonly string[]).includes(level)) throw new Error(`LOG_LEVEL must be one of ${LEVELS.join(", ")}, got ${JSON.stringify(env.LOG_LEVEL)}.`);
  return { format, level: level as LogLevel };
}

/** An error as a log field: what it is and where it came from, nothing it may carry besides. */
export function errorFields(err: unknown): { error?: { type: string; message: string; stack?: string } } {
  if (err === undefined) return {};
  if (err instanceof Error) return { error: { type: err.name, message: err.message, stack: err.stack } };
  return { error: { type: typeof err, message: String(err) } };
}

function jsonLogger(level: LogLevel, destination: pino.DestinationStream): Logger {
  const p = pino(
    {
      level,
      base: undefined,
      messageKey: "msg",
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return {
    debug: (msg, fields) => p.debug(fields ?? {}, msg),
    info: (msg, fields) => p.info(fields ?? {}, msg),
    warn: (msg, fields, err) => p.warn({ ...fields, ...errorFields(err) }, msg),
    error: (msg, fields, err) => p.error({ ...fields, ...errorFields(err) }, msg),
  };
}

function textLogger(level: LogLevel, write: (line: string) => void): Logger {
  const min = LEVELS.indexOf(level);
  const line = (at: LogLevel, msg: string, fields?: LogFields, err?: unknown) => {
    if (LEVELS.indexOf(at) < min) return;
    const pairs = Object.entries(fields ?? {})
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${v}`);
    const e = errorFields(err).error;
    write(
      `[sightline] ${at === "info" ? "" : `${at.toUpperCase()} `}${msg}${pairs.length ? ` ${pairs.join(" ")}` : ""}${e ? `\n${e.stack ?? `${e.type}: ${e.message}`}` : ""}\n`,
    );
  };
  return {
    debug: (msg, fields) => line("debug", msg, fields),
    info: (msg, fields) => line("info", msg, fields),
    warn: (msg, fields, err) => line("warn", msg, fields, err),
    error: (msg, fields, err) => line("error", msg, fields, err),
  };
}

export function createLogger(settings: LogSettings, out: { write(line: string): unknown } = process.stdout): Logger {
  return settings.format === "json"
    ? jsonLogger(settings.level, { write: (s: string) => void out.write(s) })
    : textLogger(settings.level, (s) => void out.write(s));
}

const KEY = Symbol.for("sightline.logger");
type WithLogger = typeof globalThis & { [KEY]?: Logger };

/** The process's logger (one for every bundle of the Next.js server). A bad LOG_* value falls back to JSON at info here: startup.ts reports it. */
export function log(): Logger {
  const g = globalThis as WithLogger;
  if (g[KEY]) return g[KEY];
  let settings: LogSettings;
  try {
    settings = parseLogSettings(process.env);
  } catch {
    settings = { format: "json", level: "info" };
  }
  return (g[KEY] = createLogger(settings));
}
