/**
 * A GetTraceSummaries `TraceSummary` → the facets "What is different" compares, without fetching
 * the trace: annotations, the services it passed through, HTTP method / URL path / user agent /
 * client IP of its entry, users, resource ARNs, availability zones, instance IDs and the root causes
 * X-Ray names (as symptoms). A `version` or `service_version` annotation is the version of each
 * service that recorded it.
 */
import type { ErrorOccurrence } from "../../analysis/error-groups";
import type { TraceFacets } from "../../analysis/trace-facets";
import { traceSummariesFromXRay } from "./trace-summaries";
import { type JsonRecord, arrayAt, isRecord, recordAt, stringAt } from "../../json-value";

const VERSION_ANNOTATION = /^(service_)?version$/i;

function annotationText(value: unknown): string | null {
  if (!isRecord(value)) return null;
  for (const key of ["StringValue", "NumberValue", "BooleanValue"]) {
    const v = value[key];
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v);
  }
  return null;
}

const names = (list: readonly unknown[], key: string) =>
  list
    .filter(isRecord)
    .map((r) => stringAt(r, key))
    .filter((n): n is string => n !== null);

function urlPath(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).pathname;
  } catch {
    return null;
  }
}

function rootCauseFacets(summary: JsonRecord, kind: "fault" | "error" | "responsetime", add: (k: string, v: string | null) => void) {
  const field = kind === "fault" ? "FaultRootCauses" : kind === "error" ? "ErrorRootCauses" : "ResponseTimeRootCauses";
  for (const cause of arrayAt(summary, field).filter(isRecord)) {
    for (const service of arrayAt(cause, "Services").filter(isRecord)) {
      add(`rootcause.${kind}.service`, stringAt(service, "Name"));
      for (const exception of arrayAt(service, "Exceptions").filter(isRecord)) add(`rootcause.${kind}.exception`, stringAt(exception, "Name"));
    }
  }
}

export function facetsFromXRaySummary(raw: unknown): TraceFacets | null {
  if (!isRecord(raw)) return null;
  const [summary] = traceSummariesFromXRay([raw]);
  if (!summary) return null;
  const facets: [string, string][] = [];
  const seen = new Set<string>();
  const add = (key: string, value: string | null) => {
    if (value === null || value === "" || value.length > 120) return;
    const id = `${key}\u0000${value}`;
    if (seen.has(id)) return;
    seen.add(id);
    facets.push([key, value]);
  };
  const versions: { service: string; version: string }[] = [];

  const annotations = recordAt(raw, "Annotations") ?? {};
  for (const [key, values] of Object.entries(annotations)) {
    if (!Array.isArray(values)) continue;
    for (const v of values.filter(isRecord)) {
      const text = annotationText(v.AnnotationValue);
      add(`annotation.${key}`, text);
      if (text && VERSION_ANNOTATION.test(key)) {
        for (const service of names(arrayAt(v, "ServiceIds"), "Name")) versions.push({ service, version: text });
      }
    }
  }
  for (const service of names(arrayAt(raw, "ServiceIds"), "Name")) add("service", service);
  const http = recordAt(raw, "Http");
  if (http) {
    add("http.method", stringAt(http, "HttpMethod"));
    add("http.path", urlPath(stringAt(http, "HttpURL")));
    add("http.user_agent", stringAt(http, "UserAgent"));
    add("client.address", stringAt(http, "ClientIp"));
    const status = http.HttpStatus;
    if (typeof status === "number") add("http.status_code", String(status));
  }
  for (const user of names(arrayAt(raw, "Users"), "UserName")) add("user", user);
  for (const arn of names(arrayAt(raw, "ResourceARNs"), "ARN")) add("aws.resource.arn", arn);
  for (const zone of names(arrayAt(raw, "AvailabilityZones"), "Name")) add("cloud.availability_zone", zone);
  for (const id of names(arrayAt(raw, "InstanceIds"), "Id")) add("host.id", id);
  rootCauseFacets(raw, "fault", add);
  rootCauseFacets(raw, "error", add);
  rootCauseFacets(raw, "responsetime", add);

  return { traceId: summary.traceId, startTime: summary.startTime, durationMs: summary.durationMs, status: summary.status, facets, versions };
}

/** The exceptions of a summary's fault and error root causes, each an occurrence at the trace's start. */
export function rootCauseExceptions(raw: unknown): ErrorOccurrence[] {
  if (!isRecord(raw)) return [];
  const [summary] = traceSummariesFromXRay([raw]);
  if (!summary) return [];
  const out: ErrorOccurrence[] = [];
  for (const field of ["FaultRootCauses", "ErrorRootCauses"]) {
    for (const cause of arrayAt(raw, field).filter(isRecord)) {
      for (const service of arrayAt(cause, "Services").filter(isRecord)) {
        for (const exception of arrayAt(service, "Exceptions").filter(isRecord)) {
          out.push({
            kind: "exception",
            type: stringAt(exception, "Name"),
            message: stringAt(exception, "Message") ?? "",
            service: stringAt(service, "Name") ?? summary.rootService,
            time: summary.startTime,
            traceId: summary.traceId,
          });
        }
      }
    }
  }
  return out;
}
