/**
 * Span events and links of an X-Ray segment or subsegment: each `cause.exceptions[]` entry becomes
 * an OpenTelemetry-style "exception" event, each `links[]` entry a SpanLink with a W3C trace ID.
 */
import type { Attributes, SpanEvent, SpanLink } from "../../model";
import { isSpanId, parseTraceId } from "../../trace-id";
import { type JsonRecord, arrayAt, isRecord, numberAt, recordAt, stringAt, toAttributes } from "../../json-value";

/** `at label (path:line)` per frame; X-Ray's `truncated` counts the frames it left out. */
function stacktrace(exception: JsonRecord): string | null {
  const lines = arrayAt(exception, "stack")
    .filter(isRecord)
    .map((frame) => {
      const label = stringAt(frame, "label") ?? "<anonymous>";
      const path = stringAt(frame, "path");
      const line = numberAt(frame, "line");
      const where = path === null ? null : line === null ? path : `${path}:${line}`;
      return where === null ? `at ${label}` : `at ${label} (${where})`;
    });
  const truncated = numberAt(exception, "truncated");
  if (truncated) lines.push(`... ${truncated} more`);
  return lines.length ? lines.join("\n") : null;
}

function exceptionEvent(exception: JsonRecord, timestamp: number): SpanEvent {
  const attributes: Attributes = {};
  const set = (key: string, value: string | number | boolean | null) => {
    if (value !== null) attributes[key] = value;
  };
  set("exception.type", stringAt(exception, "type"));
  set("exception.message", stringAt(exception, "message"));
  set("exception.stacktrace", stacktrace(exception));
  set("xray.exception.id", stringAt(exception, "id"));
  set("xray.exception.cause", stringAt(exception, "cause"));
  if (exception.remote === true) set("xray.exception.remote", true);
  set("xray.exception.skipped", numberAt(exception, "skipped"));
  set("xray.exception.truncated", numberAt(exception, "truncated"));
  return { name: "exception", timestamp, attributes };
}

/**
 * X-Ray exceptions carry no time of their own: they are stamped at the span's end. The cause's
 * `working_directory` and `paths` (the libraries in use) go with each of them, where stack frames'
 * relative paths are read.
 */
export function exceptionEvents(entry: JsonRecord, timestamp: number): SpanEvent[] {
  const cause = recordAt(entry, "cause");
  if (!cause) return [];
  const workingDirectory = stringAt(cause, "working_directory");
  const paths = arrayAt(cause, "paths").filter((p): p is string => typeof p === "string");
  return arrayAt(cause, "exceptions")
    .filter(isRecord)
    .map((exception) => {
      const event = exceptionEvent(exception, timestamp);
      if (workingDirectory !== null) event.attributes["xray.cause.working_directory"] = workingDirectory;
      if (paths.length) event.attributes["xray.cause.paths"] = paths;
      return event;
    });
}

function readLink(link: JsonRecord): SpanLink | null {
  const trace = parseTraceId(stringAt(link, "trace_id") ?? "");
  const spanId = (stringAt(link, "id") ?? "").toLowerCase();
  if (!trace.ok || !isSpanId(spanId)) return null;
  const attributes = recordAt(link, "attributes");
  return { traceId: trace.id.hex, spanId, attributes: attributes ? toAttributes(attributes) : {} };
}

/** X-Ray span links (`links: [{ trace_id, id, attributes }]`); malformed ones are reported, not kept. */
export function spanLinks(entry: JsonRecord, warn: (message: string) => void): SpanLink[] {
  const links: SpanLink[] = [];
  arrayAt(entry, "links").forEach((link, i) => {
    const read = isRecord(link) ? readLink(link) : null;
    if (read) links.push(read);
    else warn(`links[${i}] skipped: a link needs a trace_id and a 16-hex-digit id`);
  });
  return links;
}
