/**
 * A large X-Ray trace as BatchGetTraces returns it (bench:aws): `count` segment documents as
 * JSON strings (`Traces[].Segments[].Document`), each one service call of a fan-out tree four
 * wide, with what real segments carry: an `http` block, the `aws` block of an ECS task on EC2,
 * annotations, metadata, and three subsegments (a remote HTTP call that the child segments
 * answer, and a local `## process` block with a DynamoDB call nested in it). One segment in 97
 * is a fault with a `cause` and a stack.
 */
import { randomBytes } from "node:crypto";

export interface LargeXRayTrace {
  xrayTraceId: string;
  documents: string[];
  /** Segments plus subsegments: the spans the model should end up with. */
  entries: number;
}

const FAN_OUT = 4;
const SERVICES = 40;

interface Window {
  start: number;
  end: number;
}

/** Seconds since the epoch, as X-Ray writes them (microsecond precision). */
const sec = (ms: number) => Math.round(ms * 1000) / 1_000_000;
const part = (w: Window, from: number, to: number): Window => ({ start: w.start + (w.end - w.start) * from, end: w.start + (w.end - w.start) * to });

export function buildLargeXRayTrace(count: number, startMs = Date.now() - 3_600_000): LargeXRayTrace {
  const xrayTraceId = `1-${Math.floor(startMs / 1000)
    .toString(16)
    .padStart(8, "0")}-${randomBytes(12).toString("hex")}`;
  const salt = randomBytes(4).toString("hex");
  const idOf = (n: number) => `${salt}${(n + 1).toString(16).padStart(8, "0")}`;
  const windows: Window[] = [];
  /** The remote subsegment of segment i: its children's parent_id. */
  const remoteIds: string[] = [];
  const documents: string[] = [];
  let entries = 0;

  for (let i = 0; i < count; i++) {
    const parent = i === 0 ? null : Math.floor((i - 1) / FAN_OUT);
    // Siblings (the same remote call fanned out) start a few hundred microseconds apart, as in real traces.
    const sibling = parent === null ? 0 : (i - 1) % FAN_OUT;
    const window = parent === null ? { start: startMs, end: startMs + 2500 } : part(part(windows[parent], 0.1, 0.9), 0.05 + 0.01 * sibling, 0.95);
    windows.push(window);
    const service = `svc-${i % SERVICES}`;
    const calleeService = `svc-${(i * FAN_OUT + 1) % SERVICES}`;
    const fault = i % 97 === 13;
    const remote = part(window, 0.1, 0.9);
    const local = part(window, 0.02, 0.09);
    const dynamo = part(local, 0.1, 0.9);
    const [segmentId, remoteId, localId, dynamoId] = [0, 1, 2, 3].map((k) => idOf(i * 4 + k));
    remoteIds.push(remoteId);
    entries += 4;

    const document = {
      trace_id: xrayTraceId,
      id: segmentId,
      name: service,
      start_time: sec(window.start),
      end_time: sec(window.end),
      ...(parent === null ? {} : { parent_id: remoteIds[parent] }),
      origin: "AWS::ECS::Container",
      http: {
        request: {
          method: "POST",
          url: `https://${service}.internal/api/v1/orders/${i}`,
          client_ip: `10.0.${i % 250}.${(i * 7) % 250}`,
          user_agent: "okhttp/4.12.0",
        },
        response: { status: fault ? 502 : 200, content_length: 512 + (i % 1000) },
      },
      ...(fault
        ? {
            fault: true,
            cause: {
              working_directory: "/app",
              exceptions: [
                {
                  id: idOf(count * 4 + i),
                  message: `upstream ${calleeService} answered 503`,
                  type: "UpstreamUnavailableException",
                  remote: true,
                  stack: [
                    { path: "OrderClient.java", line: 88, label: "OrderClient.call" },
                    { path: "OrderService.java", line: 142, label: "OrderService.create" },
                    { path: "Handler.java", line: 31, label: "Handler.handle" },
                  ],
                },
              ],
            },
          }
        : {}),
      aws: {
        ecs: {
          container: `${service}-task`,
          container_id: `${salt}${i.toString(16).padStart(6, "0")}`,
          container_arn: `arn:aws:ecs:us-east-1:123456789012:container/${service}/${i}`,
        },
        ec2: { instance_id: `i-0${(i % 16).toString(16)}abc1234567890`, availability_zone: `us-east-1${"abc"[i % 3]}` },
        xray: { sdk: "X-Ray for Java", sdk_version: "2.18.1", auto_instrumentation: false },
      },
      service: { version: "1.42.0" },
      annotations: { customer_id: `c-${i % 500}`, tier: i % 3 === 0 ? "gold" : "standard", retry: i % 11 === 0 },
      metadata: { default: { request_bytes: 2048 + i, feature_flags: { new_pricing: i % 2 === 0, region: "us-east-1" }, shard: i % 8 } },
      subsegments: [
        {
          id: remoteId,
          name: `${calleeService}.internal`,
          start_time: sec(remote.start),
          end_time: sec(remote.end),
          namespace: "remote",
          traced: true,
          http: { request: { method: "POST", url: `https://${calleeService}.internal/api/v1/charge` }, response: { status: 200, content_length: 256 } },
        },
        {
          id: localId,
          name: "## process",
          start_time: sec(local.start),
          end_time: sec(local.end),
          metadata: { debug: { step: "validate", items: i % 9 } },
          subsegments: [
            {
              id: dynamoId,
              name: "DynamoDB",
              start_time: sec(dynamo.start),
              end_time: sec(dynamo.end),
              namespace: "aws",
              http: { response: { status: 200, content_length: 57 } },
              aws: { operation: "GetItem", region: "us-east-1", table_name: "orders", request_id: `R${salt}${i}`, retries: 0, resource_names: ["orders"] },
            },
          ],
        },
      ],
    };
    documents.push(JSON.stringify(document));
  }
  return { xrayTraceId, documents, entries };
}
