/**
 * X-Ray segment documents (the `Segments[].Document` of a BatchGetTraces answer) → the normalized
 * Trace. Every segment and every nested subsegment becomes one span:
 *
 * - A segment's parent is its `parent_id`; a subsegment's parent is the entry it is nested in.
 *   A segment whose parent is not in the trace is an orphan: it keeps its parentSpanId.
 * - A segment's service is its `name`; subsegments belong to their segment's service, origin and
 *   resource. A segment serving HTTP is named `METHOD /path` (the Gantt row says what was served).
 * - Inferred segments (`inferred: true`, X-Ray's nodes for DynamoDB, SNS, … that emit nothing
 *   themselves) are KEPT as "server" spans of the downstream service (service = their name, origin
 *   e.g. `AWS::DynamoDB::Table`), children of the caller's "client" subsegment that X-Ray names as
 *   their parent_id. The service map then gets the downstream node with its X-Ray origin type and
 *   the caller → downstream edge timed by the client call, and the Gantt shows the downstream row
 *   under the call, as X-Ray's own timeline does. Nothing is duplicated: the subsegment is the
 *   caller's side of the call, the inferred span the callee's.
 * - An entry without `end_time` (in progress, `xray.in_progress: true`) ends at the trace's end:
 *   it was still running when the latest thing we know of happened.
 * - A Lambda function segment (`AWS::Lambda::Function`) with an `Initialization` subsegment was a
 *   cold start: both spans get `faas.coldstart: true`.
 *
 * Nothing here throws on a bad document: entries without an id, name or start time are skipped
 * (their subsegments are attached to the nearest kept ancestor), and each problem is reported in
 * `warnings`. Only a `traceId` that is not a trace ID at all is a caller bug, and throws.
 */
import type { Attributes, Span, Trace } from "../../model";
import { isSpanId, type ParsedTraceId, parseTraceId } from "../../trace-id";
import { type JsonRecord, asNumber, asRecord, asString, isRecord } from "../../json-value";
import { segmentAttributes } from "./segment-attributes";
import { exceptionEvents, spanLinks } from "./segment-events";
import { segmentResource } from "./segment-resource";
import { segmentOutcome } from "./segment-status";
import { sortSpans } from "./sort-spans";
import { durationMs, onMicrosecond, secondsToMs, withExactTimes } from "./xray-time";

export interface XRayTraceConversion {
  trace: Trace;
  /** One line per skipped or repaired document, entry or link; empty for a clean trace. */
  warnings: string[];
}

/** Segments (inferred ones too) are server spans of their own service; subsegments are not. */
type Role = "segment" | "subsegment";

/** What a subsegment takes from its segment. */
interface Owner {
  service: string;
  origin: string | null;
  resource: Attributes;
}

interface Pending {
  entry: JsonRecord;
  role: Role;
  owner: Owner;
  parentSpanId: string | null;
  /** Where the parent is in `spans` (see TraceBuilder.parents): a position, NO_PARENT or LOOK_UP. */
  parentAt: number;
  /** The Lambda function segment's span, when this entry is one of its direct subsegments. */
  lambdaFunction: Span | null;
  /**
   * Where the entry is, for warnings (`document 3 › subsegments[1]`; see `whereOf`): the
   * document's own label, or the pending entry it is nested in and its index among that entry's
   * subsegments. Joined into text only when a warning needs it.
   */
  parent: Pending | string;
  index: number;
  /** Levels below the document (0 for the document's own entry), and the document's label. */
  depth: number;
  document: string;
}

/** Steps of a location named in full; deeper ones are counted, not listed. */
const WHERE_STEPS = 6;

/**
 * Bounded and iterative: a document nested thousands deep gets a warning per entry, and neither
 * the stack nor the text of each warning may grow with its depth.
 */
function whereOf(item: Pending | string): string {
  if (typeof item === "string") return item;
  const steps: string[] = [];
  for (let cur: Pending | string = item; typeof cur !== "string" && cur.depth > 0 && steps.length < WHERE_STEPS; cur = cur.parent) {
    steps.push(` › subsegments[${cur.index}]`);
  }
  const hidden = item.depth - steps.length;
  return item.document + (hidden > 0 ? ` › … ${hidden} levels` : "") + steps.reverse().join("");
}

/**
 * The events and links of the many spans that have none: one frozen empty array each, rather than
 * two arrays a span (about 10 % of a conversion). Frozen, so that code adding to one throws
 * instead of adding to every span.
 */
const NO_EVENTS = Object.freeze([]) as unknown as Span["events"];
const NO_LINKS = Object.freeze([]) as unknown as Span["links"];

const LAMBDA_FUNCTION = "AWS::Lambda::Function";
/** The service of a subsegment whose segment is not in the trace (OpenTelemetry's name for an unnamed service). */
export const UNKNOWN_SERVICE = "unknown_service";

/**
 * Thrown out of a document read from text whose times need rounding on their text (onMicrosecond):
 * the document is taken back out, and read again through withExactTimes.
 */
const INEXACT_TIMES = new Error("a time with more than six decimals");

/** No parent span (parentSpanId is null). */
const NO_PARENT = -1;
/** A parent known by ID only (a document's parent_id): its position is looked up once every document is read. */
const LOOK_UP = -2;

class TraceBuilder {
  readonly spans: Span[] = [];
  readonly warnings: string[] = [];
  /** Each span's position in `spans`, by ID. */
  readonly position = new Map<string, number>();
  /**
   * Each span's parent, as its position in `spans` where the walk knows it (a subsegment's parent
   * is the entry it is nested in), else NO_PARENT or LOOK_UP: depths and parent cycles are then
   * worked out on positions, without a lookup by ID per step.
   */
  readonly parents: number[] = [];
  /** Spans with no end_time: their end is the trace's, known once every document is read. */
  readonly open: Span[] = [];
  /** The entries still to convert of the document being walked; empty between documents. */
  private readonly stack: Pending[] = [];
  /** Whether the document being converted was JSON text, parsed as it is: see INEXACT_TIMES. */
  timesFromText = false;
  /** In-progress spans replaced by their completed version in the current document, to undo if it fails. */
  private replaced: { index: number; old: Span; parentAt: number }[] = [];

  constructor(private readonly traceId: string) {}

  warn(message: string): void {
    this.warnings.push(message);
  }

  /**
   * Convert one document; nothing of it is kept if it cannot be converted. Its spans, open spans
   * and warnings are added as they come, and taken back out if the document turns out unusable.
   */
  addDocument(document: JsonRecord, where: string): void {
    const spanMark = this.spans.length;
    const openMark = this.open.length;
    const firstWarning = this.warnings.length;
    let warningMark = -1;
    this.replaced = [];
    try {
      const first = this.root(document, where);
      warningMark = this.warnings.length;
      this.walk(first);
    } catch (error) {
      // Every span added since spanMark was new to `position`: duplicates are never added.
      for (let i = spanMark; i < this.spans.length; i++) this.position.delete(this.spans[i].spanId);
      this.spans.length = spanMark;
      this.parents.length = spanMark;
      this.open.length = openMark;
      for (const { index, old, parentAt } of this.replaced.reverse()) {
        if (index >= spanMark) continue; // a span of this document, gone with it
        this.spans[index] = old;
        this.parents[index] = parentAt;
        this.open.push(old);
      }
      this.replaced = [];
      if (error === INEXACT_TIMES) {
        this.warnings.length = firstWarning; // it is read again, warnings and all
        throw error;
      }
      if (warningMark >= 0) this.warnings.length = warningMark;
      this.warn(`${where} skipped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private root(document: JsonRecord, where: string): Pending {
    const service = asString(document.name) ?? "unknown";
    const parentSpanId = asString(document.parent_id)?.toLowerCase() ?? null;
    if (document.type === "subsegment") {
      // An independently sent subsegment: it belongs to the segment of its parent.
      const at = parentSpanId ? this.position.get(parentSpanId) : undefined;
      if (at !== undefined) {
        const parent = this.spans[at];
        const owner = { service: parent.service, origin: parent.origin, resource: parent.resource };
        return {
          entry: document,
          role: "subsegment",
          owner,
          parentSpanId,
          parentAt: at,
          lambdaFunction: null,
          parent: where,
          index: 0,
          depth: 0,
          document: where,
        };
      }
      // Its segment is not in the trace: it stays a subsegment (an outgoing call stays a client
      // span), of a service nobody named, rather than a server span of a service named after it.
      this.warn(`${where}: subsegment whose parent ${parentSpanId ?? "(none)"} is not in the trace`);
      const owner = { service: UNKNOWN_SERVICE, origin: null, resource: { "service.name": UNKNOWN_SERVICE } };
      // Looked up again at the end: a later document may bring it.
      const parentAt = parentSpanId ? LOOK_UP : NO_PARENT;
      return { entry: document, role: "subsegment", owner, parentSpanId, parentAt, lambdaFunction: null, parent: where, index: 0, depth: 0, document: where };
    }
    const origin = asString(document.origin);
    const owner = { service, origin, resource: segmentResource(document, service, origin) };
    const parentAt = parentSpanId ? LOOK_UP : NO_PARENT;
    return { entry: document, role: "segment", owner, parentSpanId, parentAt, lambdaFunction: null, parent: where, index: 0, depth: 0, document: where };
  }

  /** Iterative, so that deeply nested subsegments cannot overflow the stack. */
  private walk(first: Pending): void {
    const { stack, spans, position, parents, warnings } = this;
    stack.length = 0; // left over if the previous document threw
    stack.push(first);
    while (stack.length) {
      const item = stack.pop()!;
      const converted = this.toSpan(item);
      let kept: Span | null = null;
      let keptAt = NO_PARENT;
      const existingAt = converted ? position.get(converted.spanId) : undefined;
      const existing = existingAt === undefined ? undefined : spans[existingAt];
      if (converted && existing && existingAt !== undefined) {
        const existingOpen = this.open.includes(existing);
        if (existingOpen && !this.lastOpen) {
          // X-Ray's rule: the completed document overwrites the in-progress one.
          kept = converted;
          keptAt = existingAt;
          this.replace(existingAt, converted, item.parentAt);
        } else if (!this.lastOpen || existingOpen) {
          warnings.push(`${whereOf(item)}: duplicate id ${converted.spanId} skipped`);
        }
        // else: an in-progress version after the completed one; the completed one stands.
      } else if (converted) {
        kept = converted;
        keptAt = spans.length;
        position.set(kept.spanId, keptAt);
        spans.push(kept);
        parents.push(item.parentAt);
        if (this.lastOpen) this.open.push(kept);
      }
      if (kept && item.lambdaFunction && kept.name === "Initialization") {
        kept.attributes["faas.coldstart"] = true;
        item.lambdaFunction.attributes["faas.coldstart"] = true;
      }
      const subsegments = item.entry.subsegments;
      if (!Array.isArray(subsegments) || subsegments.length === 0) continue;
      const lambdaFunction = kept && item.role === "segment" && kept.origin === LAMBDA_FUNCTION ? kept : null;
      // A skipped duplicate's subsegments belong to the span of that id; a skipped entry's to its parent.
      const parentSpanId = kept ? kept.spanId : existing ? existing.spanId : item.parentSpanId;
      const parentAt = kept ? keptAt : existingAt !== undefined ? existingAt : item.parentAt;
      for (let i = 0; i < subsegments.length; i++) {
        // A hole (in an array built by hand, never by JSON.parse) is no entry at all, as for forEach.
        if (!isRecord(subsegments[i]) && i in subsegments) warnings.push(`${whereOf(item)} › subsegments[${i}]: not an object, skipped`);
      }
      // Reversed onto the stack, so that siblings come off it (and into `spans`) in document order.
      for (let i = subsegments.length - 1; i >= 0; i--) {
        const sub: unknown = subsegments[i];
        if (isRecord(sub)) {
          stack.push({
            entry: sub,
            role: "subsegment",
            owner: item.owner,
            parentSpanId,
            parentAt,
            lambdaFunction,
            parent: item,
            index: i,
            depth: item.depth + 1,
            document: item.document,
          });
        }
      }
    }
  }

  /** `done` (whose parent is at `parentAt`) takes the place of the in-progress span at `index`: same position, no longer open. */
  private replace(index: number, done: Span, parentAt: number): void {
    const old = this.spans[index];
    this.spans[index] = done;
    this.open.splice(this.open.indexOf(old), 1);
    this.replaced.push({ index, old, parentAt: this.parents[index] });
    this.parents[index] = parentAt;
  }

  /** `parents` with every LOOK_UP resolved: a position, or NO_PARENT for a parent not in the trace. */
  parentPositions(): Int32Array {
    const { spans, parents, position } = this;
    const resolved = new Int32Array(spans.length);
    for (let i = 0; i < spans.length; i++) {
      const at = parents[i];
      resolved[i] = at !== LOOK_UP ? at : (position.get(spans[i].parentSpanId!) ?? NO_PARENT);
    }
    return resolved;
  }

  /**
   * Parents that lead back to their child (a ← b ← a) leave a trace with no root: the earliest span
   * of each such cycle becomes a root, with a warning.
   */
  breakParentCycles(parents: Int32Array): void {
    const { spans } = this;
    /** The walk (its first position + 1) that reached each span; 0 while none has. */
    const walked = new Int32Array(spans.length);
    for (let w = 0; w < spans.length; w++) {
      if (walked[w] !== 0) continue;
      let cur = w;
      while (cur >= 0 && walked[cur] === 0) {
        walked[cur] = w + 1;
        cur = parents[cur];
      }
      if (cur < 0 || walked[cur] !== w + 1) continue; // reached a root, an orphan or an earlier walk
      // `cur` is on a cycle this walk entered: its positions, from `cur` parent by parent.
      const positions: number[] = [];
      let at = cur;
      do {
        positions.push(at);
        at = parents[at];
      } while (at !== cur);
      const cycle = positions.map((p) => spans[p]);
      const root = cycle.reduce((a, b) => (b.startTime < a.startTime ? b : a));
      root.parentSpanId = null;
      parents[positions[cycle.indexOf(root)]] = NO_PARENT;
      const ids = cycle.map((s) => s.spanId).join(" → ");
      this.warn(`parent cycle ${ids} → ${cycle[0].spanId}: ${root.spanId}, the earliest, made a root`);
    }
  }

  /** Whether the span `toSpan` last returned had no end_time (its end is the trace's, filled in later). */
  private lastOpen = false;

  /** Sets `lastOpen`: whether the entry has no end_time, and its end is to be the trace's. */
  private toSpan(item: Pending): Span | null {
    const { entry, role, owner } = item;
    const { warnings } = this;
    const id = asString(entry.id)?.toLowerCase() ?? "";
    const name = asString(entry.name);
    const start = asNumber(entry.start_time);
    if (!isSpanId(id) || name === null || start === null || start <= 0) {
      warnings.push(`${whereOf(item)}: skipped, it needs a 16-hex-digit id, a name and a start_time`);
      return null;
    }
    const end = asNumber(entry.end_time);
    if (this.timesFromText && (!onMicrosecond(start) || (end !== null && !onMicrosecond(end)))) throw INEXACT_TIMES;
    const startTime = secondsToMs(start);
    let endTime = end === null ? startTime : secondsToMs(end);
    if (end === null && entry.in_progress !== true) {
      warnings.push(`${whereOf(item)}: no end_time and not in_progress; ends with the trace`);
    } else if (endTime < startTime) {
      warnings.push(`${whereOf(item)}: end_time before start_time; made zero-length`);
      endTime = startTime;
    }
    const isSegment = role === "segment";
    const namespace = asString(entry.namespace);
    const outcome = segmentOutcome(entry);
    const span: Span = {
      traceId: this.traceId,
      spanId: id,
      parentSpanId: item.parentSpanId,
      service: isSegment ? name : owner.service,
      name: isSegment ? (httpRouteName(entry) ?? name) : name,
      kind: isSegment ? "server" : namespace === "aws" || namespace === "remote" ? "client" : "internal",
      startTime,
      endTime,
      durationMs: durationMs(startTime, endTime),
      status: outcome.status,
      statusMessage: outcome.statusMessage,
      httpStatus: outcome.httpStatus,
      origin: owner.origin,
      attributes: segmentAttributes(entry, isSegment),
      resource: owner.resource,
      // Most entries have neither: no closure for the link warnings, and no array of their own.
      events: entry.cause === undefined ? NO_EVENTS : exceptionEvents(entry, endTime),
      links: entry.links === undefined ? NO_LINKS : spanLinks(entry, (message) => warnings.push(`${whereOf(item)}: ${message}`)),
    };
    this.lastOpen = end === null;
    return span;
  }
}

/** `POST /api/user` for a segment that served an HTTP request, else null. */
function httpRouteName(entry: JsonRecord): string | null {
  const http = asRecord(entry.http);
  const request = http && asRecord(http.request);
  const method = request && asString(request.method);
  const url = request && asString(request.url);
  if (!method || !url) return null;
  // The path of an absolute URL (without query or fragment); anything else as it is.
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/i.exec(url);
  return `${method} ${absolute ? absolute[1] || "/" : url}`;
}

function parseDocument(document: unknown): unknown {
  if (typeof document !== "string") return document;
  try {
    return JSON.parse(document);
  } catch {
    return null;
  }
}

/**
 * One trace's conversion, fed a page of documents at a time as BatchGetTraces answers them: each
 * page is parsed and its segment documents converted while the next page is on its way, so that
 * only the last page and `finish` remain once the answer is complete. Independently sent
 * subsegments wait for `finish` (their segment may be on a later page). The result is the same as
 * segmentsToTrace of all the pages' documents in order.
 */
export class TraceConversion {
  private readonly id: ParsedTraceId;
  private readonly builder: TraceBuilder;
  private readonly deferred: { value: JsonRecord; where: string; text: unknown }[] = [];
  /** Documents added so far (also the next document's number in warnings). */
  documents = 0;
  /**
   * Set once a document of this trace had times of more than six decimals: its SDK writes seven
   * (the Go and .NET SDKs do), so the trace's later documents are rounded on their text before they
   * are parsed, and no more than one document is parsed twice.
   */
  private roundFirst = false;

  /** `traceId`: the trace's ID in any form (`Traces[].Id` is the X-Ray form). */
  constructor(traceId: string) {
    const parsed = parseTraceId(traceId);
    if (!parsed.ok) throw new TypeError(`segmentsToTrace: ${JSON.stringify(traceId)} is not a trace ID (${parsed.reason})`);
    this.id = parsed.id;
    this.builder = new TraceBuilder(parsed.id.hex);
  }

  /** Documents parsed, or as the JSON strings BatchGetTraces returns. */
  add(documents: readonly unknown[]): void {
    for (let i = 0; i < documents.length; i++) {
      const where = `document ${this.documents++}`;
      const document = documents[i];
      const rounded = this.roundFirst && typeof document === "string";
      const value = parseDocument(rounded ? withExactTimes(document) : document);
      // The text whose times are still to be checked, if any.
      const text = rounded ? null : document;
      // Independently sent subsegments attach to spans of segment documents: read those last.
      if (!isRecord(value)) this.builder.warn(`${where}: not a JSON object, skipped`);
      else if (value.type === "subsegment") this.deferred.push({ value, where, text });
      else this.addDocument(value, where, text);
    }
  }

  /**
   * `value` parsed from `text` as it is (or given parsed, or rounded already: `text` is not a
   * string). Most documents write their times to six decimals, which JSON.parse reads exactly; one
   * with more is read again with its times rounded on their text, rather than every document's text
   * searched for them first.
   */
  private addDocument(value: JsonRecord, where: string, text: unknown): void {
    const { builder } = this;
    builder.timesFromText = typeof text === "string";
    try {
      builder.addDocument(value, where);
    } catch (error) {
      if (error !== INEXACT_TIMES || typeof text !== "string") throw error;
      builder.timesFromText = false;
      this.roundFirst = true;
      builder.addDocument(JSON.parse(withExactTimes(text)) as JsonRecord, where);
    }
  }

  finish(): XRayTraceConversion {
    const { builder, id } = this;
    for (const { value, where, text } of this.deferred) this.addDocument(value, where, text);
    const parents = builder.parentPositions();
    builder.breakParentCycles(parents);

    const spans = sortSpans(builder.spans, parents);
    let startTime = spans.length ? Infinity : id.epochSeconds * 1000;
    let endTime = spans.length ? -Infinity : startTime;
    const services = new Set<string>();
    for (const span of spans) {
      startTime = Math.min(startTime, span.startTime);
      endTime = Math.max(endTime, span.endTime);
      services.add(span.service);
    }
    for (const span of builder.open) {
      span.endTime = endTime;
      span.durationMs = durationMs(span.startTime, endTime);
      for (const event of span.events) event.timestamp = endTime;
    }
    return {
      trace: {
        traceId: id.hex,
        xrayTraceId: id.xray,
        startTime,
        endTime,
        durationMs: durationMs(startTime, endTime),
        spans,
        services: [...services],
      },
      warnings: builder.warnings,
    };
  }
}

/**
 * `documents`: the segment documents of one trace, parsed or as the JSON strings BatchGetTraces
 * returns. `traceId`: the trace's ID in any form (`Traces[].Id` is the X-Ray form).
 */
export function segmentsToTrace(traceId: string, documents: readonly unknown[]): XRayTraceConversion {
  const conversion = new TraceConversion(traceId);
  conversion.add(documents);
  return conversion.finish();
}
