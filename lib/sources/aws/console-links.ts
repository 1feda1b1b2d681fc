/**
 * Links from a trace into the AWS console: the X-Ray trace in the CloudWatch console, and the
 * CloudWatch Logs Insights page with the trace's logs query, log groups and time window prefilled.
 *
 * Neither URL format is documented by AWS; they are the console's own deep links:
 *
 * - trace: `https://{region}.console.aws.amazon.com/cloudwatch/home?region={region}#xray:traces/{xrayId}`.
 * - Logs Insights: `…#logsV2:logs-insights` followed by `?queryDetail=<detail>`, URI-encoded once
 *   more with every `%` turned into `$` (so `?` is `$3F`, `=` is `$3D`, `&` is `$26`). `<detail>`
 *   is a rison-like object `~(key~value~key~value…)` whose strings start with `'` and have every
 *   character outside `[A-Za-z0-9.-]` percent-encoded (UTF-8) with `*` for `%`, whose arrays are
 *   `~(~'a~'b)`, and whose `~ ( ) '` are themselves percent-escaped before the outer encoding:
 *   `$257E$2528end$257E$2527…` as in a URL copied from the console.
 *
 * Pure functions: the region is resolved by the caller.
 */

export const DEFAULT_REGION = "us-east-1";

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/** The console host of a Region's partition (China and GovCloud have their own). */
export function consoleOrigin(region: string): string {
  if (!REGION.test(region)) throw new TypeError(`Not an AWS Region name: "${region.slice(0, 40)}"`);
  if (region.startsWith("cn-")) return `https://${region}.console.amazonaws.cn`;
  if (region.startsWith("us-gov-")) return "https://console.amazonaws-us-gov.com";
  return `https://${region}.console.aws.amazon.com`;
}

function cloudWatchHome(region: string): string {
  return `${consoleOrigin(region)}/cloudwatch/home?region=${region}`;
}

const XRAY_ID = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/;

/** The X-Ray trace's page in the CloudWatch console. */
export function xrayTraceConsoleUrl(region: string, xrayTraceId: string): string {
  if (!XRAY_ID.test(xrayTraceId)) throw new TypeError("xrayTraceConsoleUrl: expected an X-Ray trace ID (1-xxxxxxxx-x…)");
  return `${cloudWatchHome(region)}#xray:traces/${xrayTraceId}`;
}

/** A string value of the queryDetail object: `'` then the value, percent-encoded with `*` for `%`. */
export function detailString(value: string): string {
  const encoded = encodeURIComponent(value).replace(/[!'()*~_]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `'${encoded.replace(/%/g, "*")}`;
}

type DetailValue = string | number | boolean | string[];

/** The rison-like `~(k~v~k~v)` form of the queryDetail object. */
function detailObject(entries: readonly (readonly [string, DetailValue])[]): string {
  const value = (v: DetailValue): string => {
    if (Array.isArray(v)) return `(${v.map((item) => `~${detailString(item)}`).join("")})`;
    if (typeof v === "string") return detailString(v);
    return String(v);
  };
  return `~(${entries.map(([k, v]) => `${k}~${value(v)}`).join("~")})`;
}

/** The outer encoding of the hash: `~ ( ) '` escaped, then URI-encoded with `$` for `%`. */
function consoleHashEncode(text: string): string {
  const escaped = text.replace(/[~()']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return encodeURIComponent(escaped).replace(/%/g, "$");
}

export interface LogsInsightsLink {
  region: string;
  query: string;
  logGroups: readonly string[];
  /** Epoch milliseconds. */
  startMs: number;
  endMs: number;
}

/** The Logs Insights page with the query, the log groups and the absolute UTC window prefilled. */
export function logsInsightsConsoleUrl(link: LogsInsightsLink): string {
  const entries: [string, DetailValue][] = [
    ["end", new Date(link.endMs).toISOString()],
    ["start", new Date(link.startMs).toISOString()],
    ["timeType", "ABSOLUTE"],
    ["tz", "UTC"],
    ["editorString", link.query],
    ["isLiveTail", false],
  ];
  if (link.logGroups.length > 0) entries.push(["source", [...link.logGroups]]);
  return `${cloudWatchHome(link.region)}#logsV2:logs-insights${consoleHashEncode(`?queryDetail=${detailObject(entries)}`)}`;
}

/** The Logs Insights page without prefill (when only the query text can be carried, by copying it). */
export function logsInsightsPageUrl(region: string): string {
  return `${cloudWatchHome(region)}#logsV2:logs-insights`;
}

/**
 * Reverses the encoding (for tests and for reading a URL copied from the console): the decoded
 * queryDetail text, with strings still in their `'…*xx…` form.
 */
export function decodeConsoleHash(hash: string): string {
  return decodeURIComponent(decodeURIComponent(hash.replace(/\$/g, "%")));
}

/** A queryDetail string value (`'…*xx…`) → the text. */
export function decodeDetailString(value: string): string {
  return decodeURIComponent(value.replace(/^'/, "").replace(/\*/g, "%"));
}
