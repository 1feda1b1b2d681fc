/**
 * "Copy summary": a trace in a few lines of Markdown for the chat channel or the postmortem — the
 * link, root service and operation, duration, status, the first fault span with its exception
 * message, the first ERROR log line, and the snapshot link if one was saved. Text that came from
 * the telemetry goes in code spans, so a log line cannot inject links or formatting.
 */
import { formatDuration, formatUtc } from "./format";
import { indexSpans, pickRoot } from "./analysis/span-index";
import { worstStatus, type LogEvent, type Span, type SpanStatus, type Trace } from "./model";

export interface SummaryInput {
  trace: Trace;
  /** Absolute URL of the trace page. */
  traceUrl: string;
  /** The trace's log lines, when loaded. */
  logs?: readonly LogEvent[];
  /** Absolute URL of a saved snapshot. */
  snapshotUrl?: string | null;
}

const STATUS_TEXT: Record<SpanStatus, string> = { ok: "OK", error: "Error (4xx)", fault: "Fault (5xx)", throttle: "Throttled (429)" };
const MAX_TEXT = 300;

/** One line, at most MAX_TEXT characters, as a Markdown code span whose fence is longer than any backtick run inside. */
export function codeSpan(text: string): string {
  let t = text.replace(/\s+/g, " ").trim();
  if (t.length > MAX_TEXT) t = `${t.slice(0, MAX_TEXT - 1)}…`;
  if (t === "") return "` `";
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}

/** Square brackets would close the link text early. */
const linkText = (text: string) => text.replace(/[[\]\\]/g, (c) => `\\${c}`);

function exceptionText(span: Span): string | null {
  const e = span.events.find((ev) => ev.name === "exception");
  if (e) {
    const type = e.attributes["exception.type"];
    const message = e.attributes["exception.message"];
    const parts = [type, message].filter((p) => p !== undefined && p !== null && p !== "").map(String);
    if (parts.length > 0) return parts.join(": ");
  }
  return span.statusMessage;
}

const earliest = <T>(items: readonly T[], at: (t: T) => number): T | undefined =>
  items.reduce<T | undefined>((best, t) => (best === undefined || at(t) < at(best) ? t : best), undefined);

/**
 * Where the fault began: the earliest-starting fault span none of whose children faulted (its
 * callers fault because it did). With a cycle of faults, the earliest fault span.
 */
function firstFault(spans: readonly Span[]): Span | undefined {
  const faults = spans.filter((s) => s.status === "fault");
  const { children } = indexSpans(spans);
  const origins = faults.filter((s) => !(children.get(s.spanId) ?? []).some((c) => c.status === "fault"));
  return earliest(origins.length > 0 ? origins : faults, (s) => s.startTime);
}

export function traceSummaryMarkdown({ trace, traceUrl, logs, snapshotUrl }: SummaryInput): string {
  const root = pickRoot(indexSpans(trace.spans).roots);
  const status = trace.spans.reduce<SpanStatus>((s, span) => worstStatus(s, span.status), "ok");
  const title = root ? `${root.service} ${root.name}` : trace.xrayTraceId;
  const lines = [
    `**[${linkText(title)}](${traceUrl})** — ${formatDuration(trace.durationMs)} · ${STATUS_TEXT[status]}`,
    `- Trace: \`${trace.xrayTraceId}\` · started ${formatUtc(trace.startTime)} · ${trace.spans.length} spans · ${trace.services.length} services`,
  ];
  const fault = firstFault(trace.spans);
  if (fault) {
    const why = exceptionText(fault);
    lines.push(`- First fault: ${codeSpan(`${fault.service} ${fault.name}`)} (${formatDuration(fault.durationMs)})${why ? ` — ${codeSpan(why)}` : ""}`);
  } else {
    lines.push("- No fault span");
  }
  if (logs) {
    const line = earliest(
      logs.filter((l) => l.level === "error" || l.level === "fatal"),
      (l) => l.timestamp,
    );
    if (line) lines.push(`- First ERROR log: ${line.service ? `${codeSpan(line.service)} ` : ""}${formatUtc(line.timestamp)} — ${codeSpan(line.message)}`);
    else lines.push("- No ERROR log line");
  }
  if (snapshotUrl) lines.push(`- Snapshot: ${snapshotUrl}`);
  return lines.join("\n");
}
