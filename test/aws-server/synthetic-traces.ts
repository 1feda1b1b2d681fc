/**
 * Small hand-made X-Ray traces for tests: a root segment calling one downstream service, with a
 * chosen outcome, response time and annotations.
 */
export interface SyntheticTrace {
  traceId: string;
  documents: object[];
}

let counter = 0;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, "0").slice(-width);
}

export function syntheticTrace(options: {
  startSeconds: number;
  service?: string;
  downstream?: string;
  status?: number;
  responseSeconds?: number;
  annotations?: Record<string, string | number | boolean>;
}): SyntheticTrace {
  counter += 1;
  const start = options.startSeconds;
  const traceId = `1-${hex(Math.floor(start), 8)}-${hex(counter, 24)}`;
  const rootId = hex(counter * 2 + 0x100000, 16);
  const callId = hex(counter * 2 + 0x200001, 16);
  const response = options.responseSeconds ?? 0.1;
  const status = options.status ?? 200;
  const flags = status === 429 ? { error: true, throttle: true } : status >= 500 ? { fault: true } : status >= 400 ? { error: true } : {};
  const root = {
    id: rootId,
    trace_id: traceId,
    name: options.service ?? "api",
    origin: "AWS::EC2::Instance",
    start_time: start,
    end_time: start + response,
    http: { request: { method: "GET", url: "https://api.example.com/orders" }, response: { status } },
    ...flags,
    ...(options.annotations ? { annotations: options.annotations } : {}),
    subsegments: [
      {
        id: callId,
        name: options.downstream ?? "DynamoDB",
        namespace: "aws",
        start_time: start + 0.01,
        end_time: start + response - 0.01,
        http: { response: { status: 200 } },
        aws: { operation: "GetItem", table_name: "orders" },
      },
    ],
  };
  return { traceId, documents: [root] };
}
