/**
 * What an outgoing call talks to when the callee emits no spans of its own (a database, an AWS API,
 * a queue, a third-party HTTP API): X-Ray draws these as "inferred" nodes; so does Sightline.
 */
import type { Attributes, ServiceType, Span } from "../model";

export interface Downstream {
  name: string;
  type: ServiceType;
}

function str(attrs: Attributes, ...keys: string[]): string | null {
  for (const k of keys) {
    const v = attrs[k];
    if (typeof v === "string" && v.length > 0) return v;
  }
  return null;
}

const AWS_SERVICE_TYPES: Record<string, ServiceType> = {
  sqs: "queue",
  sns: "topic",
  kinesis: "queue",
  eventbridge: "topic",
  dynamodb: "database",
  rds: "database",
  s3: "storage",
};

function urlHost(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

/** The callee of a client/producer span, or null for spans that call nothing identifiable. */
export function downstreamOf(span: Pick<Span, "kind" | "attributes">): Downstream | null {
  if (span.kind !== "client" && span.kind !== "producer") return null;
  const a = span.attributes;
  const dbSystem = str(a, "db.system", "db.system.name");
  if (dbSystem) {
    const db = str(a, "db.name", "db.namespace");
    const host = str(a, "server.address", "net.peer.name");
    const name = db && host ? `${db}@${host}` : (db ?? host ?? dbSystem);
    return { name, type: "database" };
  }
  const destination = str(a, "messaging.destination.name", "messaging.destination");
  if (str(a, "rpc.system") === "aws-api") {
    const service = str(a, "rpc.service", "aws.service") ?? "AWS";
    const type = AWS_SERVICE_TYPES[service.toLowerCase()] ?? "aws-service";
    if ((type === "queue" || type === "topic") && destination) return { name: destination, type };
    return { name: service, type };
  }
  if (destination) return { name: destination, type: "queue" };
  const peer = str(a, "peer.service");
  if (peer) return { name: peer, type: "external" };
  const host = str(a, "server.address", "net.peer.name", "http.host") ?? urlHost(str(a, "url.full", "http.url"));
  if (host && (str(a, "http.request.method", "http.method") || str(a, "url.full", "http.url"))) {
    return { name: host, type: "external" };
  }
  return null;
}
