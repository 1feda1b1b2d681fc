/**
 * Segment documents by trace ID, as X-Ray assembles traces:
 * - a document sent again with the same id replaces the earlier one (in-progress → complete);
 * - X-Ray adds an inferred segment for every `aws` or `remote` subsegment that no document names
 *   as its parent (the downstream DynamoDB, SNS, HTTP API …), as BatchGetTraces shows them.
 */
import { createHash } from "node:crypto";
import type { JsonObject } from "../input";
import { type SegmentDoc, num, obj, segmentProblem, str, toSegmentDoc, walkEntries } from "./segment-doc";

export interface TraceView {
  id: string;
  /** Stored documents, then the inferred segments X-Ray would add. */
  docs: SegmentDoc[];
  /** The segment without a parent (the earliest one, when several or none lack a parent). */
  root: SegmentDoc;
  start: number;
  /** The latest end of a completed segment (the root's start when none completed). */
  end: number;
  /** Seconds between the root segment's start and the end of the last completed segment. */
  duration: number;
  /** How many documents were received for the trace (updates included). */
  revision: number;
}

const AWS_ORIGINS: Record<string, string> = {
  DynamoDB: "AWS::DynamoDB::Table",
  SNS: "AWS::SNS",
  SQS: "AWS::SQS::Queue",
  S3: "AWS::S3::Bucket",
  Lambda: "AWS::Lambda",
  Kinesis: "AWS::Kinesis::Stream",
};

function inferredId(traceId: string, subsegmentId: string): string {
  return createHash("sha1").update(`${traceId}/${subsegmentId}`).digest("hex").slice(0, 16);
}

function inferredSegments(traceId: string, docs: SegmentDoc[]): SegmentDoc[] {
  const named = new Set(docs.map((d) => d.parentId).filter((p): p is string => p !== null));
  const out: SegmentDoc[] = [];
  for (const doc of docs) {
    if (doc.inferred) continue;
    for (const entry of walkEntries(doc.raw).slice(1)) {
      const namespace = str(entry, "namespace");
      const id = str(entry, "id");
      const name = str(entry, "name");
      const start = num(entry, "start_time");
      if ((namespace !== "aws" && namespace !== "remote") || !id || !name || start === null || named.has(id)) continue;
      const http = obj(entry, "http");
      const aws = obj(entry, "aws");
      const origin = namespace === "aws" ? (AWS_ORIGINS[name] ?? `AWS::${name}`) : null;
      const raw: JsonObject = {
        id: inferredId(traceId, id),
        name,
        start_time: start,
        ...(num(entry, "end_time") !== null ? { end_time: num(entry, "end_time") } : { in_progress: true }),
        parent_id: id,
        inferred: true,
        ...(http ? { http: { response: obj(http, "response") ?? {} } } : {}),
        ...(aws ? { aws } : {}),
        ...(entry.error === true ? { error: true } : {}),
        ...(entry.throttle === true ? { throttle: true } : {}),
        ...(entry.fault === true ? { fault: true } : {}),
        trace_id: traceId,
        ...(origin ? { origin } : {}),
      };
      out.push(toSegmentDoc(raw));
    }
  }
  return out;
}

export class SegmentStore {
  private readonly byTrace = new Map<string, { docs: Map<string, SegmentDoc>; revision: number }>();

  /** Stores one document; returns why it was rejected, or null. */
  put(document: unknown): string | null {
    const problem = segmentProblem(document);
    if (problem !== null) return problem;
    const doc = toSegmentDoc(document as JsonObject);
    let trace = this.byTrace.get(doc.traceId);
    if (!trace) {
      trace = { docs: new Map(), revision: 0 };
      this.byTrace.set(doc.traceId, trace);
    }
    trace.docs.set(doc.id, doc);
    trace.revision += 1;
    return null;
  }

  trace(traceId: string): TraceView | null {
    const stored = this.byTrace.get(traceId);
    if (!stored) return null;
    const own = [...stored.docs.values()];
    const docs = [...own, ...inferredSegments(traceId, own)];
    const byStart = [...docs].sort((a, b) => a.start - b.start);
    const root = byStart.find((d) => d.parentId === null) ?? byStart[0];
    const end = docs.reduce((latest, d) => (d.end !== null && d.end > latest ? d.end : latest), root.start);
    return { id: traceId, docs, root, start: root.start, end, duration: round3(end - root.start), revision: stored.revision };
  }

  traces(): TraceView[] {
    return [...this.byTrace.keys()].map((id) => this.trace(id)).filter((t): t is TraceView => t !== null);
  }
}

/** Seconds with millisecond precision, as X-Ray reports durations (0.232, not 0.23199999). */
export function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
