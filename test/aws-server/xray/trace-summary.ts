/**
 * A GetTraceSummaries TraceSummary built from a trace's segments, following the X-Ray API
 * reference: HasFault / HasError are about the root segment document (5xx / 4xx), HasThrottle
 * about any segment document (429); IsPartial when a document is in progress; Http from the root
 * segment; ResponseTime is the root segment's own time, Duration the whole trace's.
 */
import type { JsonObject } from "../input";
import { type Outcome, type SegmentDoc, num, obj, outcomeOf, str, walkEntries } from "./segment-doc";
import { type TraceView, round3 } from "./segment-store";

export interface ServiceIdShape {
  Name: string;
  Names: string[];
  Type?: string;
  AccountId?: string;
}

export function serviceIdOf(doc: SegmentDoc): ServiceIdShape {
  const account = str(obj(doc.raw, "aws") ?? {}, "account_id");
  return {
    Name: doc.name,
    Names: [doc.name],
    ...(doc.origin ? { Type: doc.origin } : {}),
    ...(account ? { AccountId: account } : {}),
  };
}

export function serviceKey(doc: SegmentDoc): string {
  return `${doc.name}\u0000${doc.origin ?? ""}`;
}

function treeOutcomes(doc: SegmentDoc): Set<Outcome> {
  return new Set(walkEntries(doc.raw).map(outcomeOf));
}

type AnnotationValue = { StringValue: string } | { NumberValue: number } | { BooleanValue: boolean };

function annotationValue(value: unknown): AnnotationValue | null {
  if (typeof value === "string") return { StringValue: value };
  if (typeof value === "number" && Number.isFinite(value)) return { NumberValue: value };
  if (typeof value === "boolean") return { BooleanValue: value };
  return null;
}

/** The facts filter expressions and summaries are computed from. */
export interface TraceFacts {
  trace: TraceView;
  responseTime: number | null;
  hasFault: boolean;
  hasError: boolean;
  hasThrottle: boolean;
  isPartial: boolean;
  httpStatus: number | null;
  annotations: Map<string, unknown[]>;
  users: string[];
  /**
   * The exceptions (`cause.exceptions[]`: type and message) of faulting and of erroring or
   * throttled entries, for `rootcause.fault.exception.*` and `rootcause.error.exception.*`. X-Ray
   * names only the deepest such entity the root cause; this takes every one, a superset.
   */
  exceptions: { fault: ExceptionFact[]; error: ExceptionFact[] };
}

interface ExceptionFact {
  name: string | null;
  message: string | null;
}

function exceptionFacts(trace: TraceView): TraceFacts["exceptions"] {
  const out: TraceFacts["exceptions"] = { fault: [], error: [] };
  for (const doc of trace.docs) {
    for (const entry of walkEntries(doc.raw)) {
      const outcome = outcomeOf(entry);
      if (outcome === "ok") continue;
      const list = obj(entry, "cause")?.exceptions;
      if (!Array.isArray(list)) continue;
      for (const ex of list) {
        if (typeof ex !== "object" || ex === null) continue;
        const fact = { name: str(ex as JsonObject, "type"), message: str(ex as JsonObject, "message") };
        out[outcome === "fault" ? "fault" : "error"].push(fact);
      }
    }
  }
  return out;
}

export function traceFacts(trace: TraceView): TraceFacts {
  const rootOutcomes = treeOutcomes(trace.root);
  const annotations = new Map<string, unknown[]>();
  const users: string[] = [];
  for (const doc of trace.docs) {
    const user = str(doc.raw, "user");
    if (user && !users.includes(user)) users.push(user);
    for (const entry of walkEntries(doc.raw)) {
      const ann = obj(entry, "annotations");
      if (!ann) continue;
      for (const [key, value] of Object.entries(ann)) annotations.set(key, [...(annotations.get(key) ?? []), value]);
    }
  }
  return {
    trace,
    responseTime: trace.root.end === null ? null : round3(trace.root.end - trace.root.start),
    hasFault: rootOutcomes.has("fault"),
    hasError: rootOutcomes.has("error") || rootOutcomes.has("throttle"),
    hasThrottle: trace.docs.some((d) => walkEntries(d.raw).some((e) => outcomeOf(e) === "throttle")),
    isPartial: trace.docs.some((d) => walkEntries(d.raw).some((e) => e.in_progress === true)),
    httpStatus: num(obj(obj(trace.root.raw, "http") ?? {}, "response") ?? {}, "status"),
    annotations,
    users,
    exceptions: exceptionFacts(trace),
  };
}

function httpOf(root: SegmentDoc): JsonObject | undefined {
  const http = obj(root.raw, "http");
  if (!http) return undefined;
  const req = obj(http, "request") ?? {};
  const status = num(obj(http, "response") ?? {}, "status");
  const out: Record<string, unknown> = {};
  if (str(req, "url")) out.HttpURL = str(req, "url");
  if (status !== null) out.HttpStatus = status;
  if (str(req, "method")) out.HttpMethod = str(req, "method");
  if (str(req, "user_agent")) out.UserAgent = str(req, "user_agent");
  if (str(req, "client_ip")) out.ClientIp = str(req, "client_ip");
  return out;
}

export function traceSummary(facts: TraceFacts): JsonObject {
  const { trace } = facts;
  const services = new Map<string, ServiceIdShape>();
  for (const doc of trace.docs) services.set(serviceKey(doc), serviceIdOf(doc));

  const annotations: Record<string, { AnnotationValue: AnnotationValue; ServiceIds: ServiceIdShape[] }[]> = {};
  for (const doc of trace.docs) {
    for (const entry of walkEntries(doc.raw)) {
      for (const [key, raw] of Object.entries(obj(entry, "annotations") ?? {})) {
        const value = annotationValue(raw);
        if (!value) continue;
        const list = (annotations[key] ??= []);
        const same = list.find((v) => JSON.stringify(v.AnnotationValue) === JSON.stringify(value));
        const id = serviceIdOf(doc);
        if (!same) list.push({ AnnotationValue: value, ServiceIds: [id] });
        else if (!same.ServiceIds.some((s) => s.Name === id.Name && s.Type === id.Type)) same.ServiceIds.push(id);
      }
    }
  }

  const users = facts.users.map((name) => ({
    UserName: name,
    ServiceIds: trace.docs.filter((d) => str(d.raw, "user") === name).map(serviceIdOf),
  }));
  const arns = [...new Set(trace.docs.map((d) => str(d.raw, "resource_arn")).filter((a): a is string => a !== null))];

  return {
    Id: trace.id,
    StartTime: trace.start,
    Duration: trace.duration,
    ...(facts.responseTime !== null ? { ResponseTime: facts.responseTime } : {}),
    HasFault: facts.hasFault,
    HasError: facts.hasError,
    HasThrottle: facts.hasThrottle,
    IsPartial: facts.isPartial,
    ...(httpOf(trace.root) ? { Http: httpOf(trace.root) } : {}),
    Annotations: annotations,
    Users: users,
    ServiceIds: [...services.values()],
    ResourceARNs: arns.map((ARN) => ({ ARN })),
    EntryPoint: serviceIdOf(trace.root),
    Revision: facts.trace.revision,
  };
}
