/**
 * The X-Ray and CloudWatch Logs clients (and, through sdkClientConfig, the snapshot store's S3
 * client: lib/snapshots/s3-client.ts), on the SDK's own configuration resolution:
 *
 * - credentials: the default chain (environment, shared config and AWS_PROFILE, SSO, container
 *   and instance roles, web identity);
 * - region: AWS_REGION, else the profile's region;
 * - endpoint: AWS_ENDPOINT_URL_XRAY / AWS_ENDPOINT_URL_CLOUDWATCH_LOGS, else AWS_ENDPOINT_URL,
 *   else the profile's `endpoint_url` (the SDK resolves these itself: in 3.1169,
 *   @smithy/core's `getEndpointUrlConfig` builds the variable name from the client's serviceId,
 *   "XRay" and "CloudWatch Logs"; aws-clients.test.ts checks it over the wire);
 * - retries: AWS_MAX_ATTEMPTS / AWS_RETRY_MODE when set, else standard mode with `maxAttempts`.
 *   Not adaptive: its client-side rate limiter held later X-Ray calls back for seconds after the
 *   upstream had stopped throttling (the reliability faults suite: median page 14.7 s under 50 %
 *   throttling, against 6.8 s in standard mode). Coalescing and caching already keep Sightline's
 *   own rate low; an incident page should not wait on a throttle that has passed.
 *
 * An explicit `region`, `endpoint` or `credentials` (tests) overrides the resolution.
 * Every request is bounded: `connectionTimeoutMs` to connect, `requestTimeoutMs` per attempt,
 * and `callTimeoutMs` for the whole call, retries included (the SDK retries a timed-out attempt
 * like any transient error: without this bound, maxAttempts × requestTimeoutMs). A call past
 * `callTimeoutMs` is aborted and fails with a CallTimeoutError (name `TimeoutError`).
 */
import { CloudWatchLogsClient } from "@aws-sdk/client-cloudwatch-logs";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { XRayClient } from "@aws-sdk/client-xray";
import { metrics } from "../../metrics/metrics";
import { isThrottling } from "./aws-errors";
import { type OperationRateLimits, processRateLimits } from "./rate-limit";

interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsClientSettings {
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
  /** The whole call, every attempt and retry delay included. */
  callTimeoutMs: number;
  /** Undefined: AWS_MAX_ATTEMPTS or the shared config decide (the SDK's default is 3). */
  maxAttempts?: number;
  /** Undefined: AWS_RETRY_MODE or the shared config decide (the SDK's default is standard). */
  retryMode?: "standard" | "adaptive";
  region?: string;
  endpoint?: string;
  credentials?: AwsCredentials;
  /** Per-operation token buckets (rate-limit.ts); undefined: the process's (AWS_API_TPS); null: none. */
  rateLimits?: OperationRateLimits | null;
}

export interface AwsClients {
  xray: XRayClient;
  logs: CloudWatchLogsClient;
}

export const DEFAULT_CLIENT_SETTINGS: AwsClientSettings = {
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 20_000,
  callTimeoutMs: 30_000,
  maxAttempts: 4,
  retryMode: "standard",
};

/**
 * The defaults, minus the retry settings the environment already gives: AWS_MAX_ATTEMPTS and
 * AWS_RETRY_MODE are the SDK's standard variables and win over Sightline's defaults.
 */
export function clientSettingsFromEnv(env: Record<string, string | undefined>): AwsClientSettings {
  const settings = { ...DEFAULT_CLIENT_SETTINGS };
  if (env.AWS_MAX_ATTEMPTS) delete settings.maxAttempts;
  if (env.AWS_RETRY_MODE) delete settings.retryMode;
  return settings;
}

/** The SDK client configuration every Sightline AWS client shares: region, endpoint, credentials, retries, timeouts. */
export function sdkClientConfig(settings: AwsClientSettings) {
  return {
    region: settings.region,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      requestTimeout: settings.requestTimeoutMs,
      // Without it a request past requestTimeout only logs a warning and keeps waiting.
      throwOnRequestTimeout: true,
    },
  };
}

export function createAwsClients(settings: AwsClientSettings): AwsClients {
  const config = sdkClientConfig(settings);
  const limits = settings.rateLimits === undefined ? processRateLimits() : settings.rateLimits;
  const xray = new XRayClient(config);
  const logs = new CloudWatchLogsClient(config);
  if (limits) {
    limitRate(xray, "xray", limits);
    limitRate(logs, "logs", limits);
  }
  return {
    xray: withCallTimeout(xray, settings.callTimeoutMs, "xray"),
    logs: withCallTimeout(logs, settings.callTimeoutMs, "logs"),
  };
}

/** The call's operation as the SDK's middleware context names it (`GetTraceSummariesCommand` → `GetTraceSummaries`). */
const operationOf = (context: { commandName?: string }) => context.commandName?.replace(/Command$/, "") ?? "unknown";

/**
 * Each call waits for a token of its operation's bucket before it is sent (its retries do not:
 * the SDK spaces them itself). Added before observeOperations, so it runs outside it: the call's
 * span measures AWS alone, and the wait shows in sightline_aws_rate_limit_wait_seconds_total. The
 * wait counts in the call's callTimeoutMs.
 */
function limitRate(client: { middlewareStack: unknown }, service: string, limits: OperationRateLimits): void {
  (client.middlewareStack as MiddlewareStack).add(
    (next, context) => async (args) => {
      const operation = operationOf(context);
      const bucket = limits.bucket(service, operation);
      const started = performance.now();
      await bucket.take();
      const waited = performance.now() - started;
      if (waited >= 1) metrics().awsRateLimitWaitSeconds.inc({ service, operation }, waited / 1000);
      return next(args);
    },
    { step: "initialize", name: "sightlineRateLimit" },
  );
}

/** A call that did not finish within its client's callTimeoutMs, retries included. */
export class CallTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    options?: { cause?: unknown },
  ) {
    super(`no answer within ${timeoutMs} ms`, options);
    this.name = "TimeoutError";
  }
}

type Send = (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;

type CallOutcome = "ok" | "throttled" | "timeout" | "error";

const attemptsOf = (x: unknown): number => {
  const attempts = (x as { $metadata?: { attempts?: unknown } } | null)?.$metadata?.attempts;
  return typeof attempts === "number" && attempts > 1 ? attempts : 1;
};

/**
 * The operation of each call in flight, by its input object: the SDK's middleware context names
 * it (`GetTraceSummariesCommand`), where a command's class name may be minified by the bundler.
 */
const operations = new WeakMap<object, string>();

type Middleware = (
  next: (args: { input: object }) => Promise<{ output?: { $metadata?: { requestId?: string } } }>,
  context: { commandName?: string },
) => (args: { input: object }) => Promise<unknown>;

const RPC_SERVICES: Record<string, string> = { xray: "XRay", logs: "CloudWatchLogs", s3: "S3" };

/**
 * Names each call's operation (for countCall) and, when self-tracing is on (lib/self-tracing),
 * makes it a client span as OpenTelemetry's AWS SDK conventions name it (`XRay.GetTraceSummaries`,
 * rpc.system `aws-api`); without a tracer provider the span is a no-op.
 */
type MiddlewareStack = { add(m: Middleware, o: { step: "initialize"; name: string }): void };

function observeOperations(client: { middlewareStack: MiddlewareStack }, service: string): void {
  const tracer = trace.getTracer("sightline.aws-sdk");
  const rpcService = RPC_SERVICES[service] ?? service;
  client.middlewareStack.add(
    (next, context) => (args) => {
      const operation = operationOf(context);
      if (args.input && typeof args.input === "object") operations.set(args.input, operation);
      return tracer.startActiveSpan(
        `${rpcService}.${operation}`,
        { kind: SpanKind.CLIENT, attributes: { "rpc.system": "aws-api", "rpc.service": rpcService, "rpc.method": operation } },
        async (span) => {
          try {
            const result = await next(args);
            const requestId = result.output?.$metadata?.requestId;
            if (requestId) span.setAttribute("aws.request_id", requestId);
            return result;
          } catch (err) {
            span.recordException(err as Error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error)?.name });
            throw err;
          } finally {
            span.end();
          }
        },
      );
    },
    { step: "initialize", name: "sightlineObserveOperation" },
  );
}

/** One call in /metrics: its outcome, and its attempts beyond the first as retries. */
function countCall(service: string, command: unknown, outcome: CallOutcome, attempts: number): void {
  const input = (command as { input?: unknown } | null)?.input;
  const operation = (input !== null && typeof input === "object" ? operations.get(input) : undefined) ?? "unknown";
  const m = metrics();
  m.awsCalls.inc({ service, operation, outcome });
  if (attempts > 1) m.awsRetries.inc({ service, operation }, attempts - 1);
}

/**
 * `client.send` aborted after `timeoutMs` (its retries too: the SDK does not retry an abort),
 * with the caller's own abortSignal still honoured; every call counted in /metrics.
 */
export function withCallTimeout<C extends { send: unknown; middlewareStack: unknown }>(client: C, timeoutMs: number, service: string): C {
  observeOperations(client as unknown as Parameters<typeof observeOperations>[0], service);
  const send = (client.send as Send).bind(client);
  const bounded: Send = async (command, options) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    const abortSignal = options?.abortSignal ? AbortSignal.any([options.abortSignal, deadline]) : deadline;
    try {
      const output = await send(command, { ...options, abortSignal });
      countCall(service, command, "ok", attemptsOf(output));
      return output;
    } catch (error) {
      if (deadline.aborted && !options?.abortSignal?.aborted) {
        countCall(service, command, "timeout", attemptsOf(error));
        throw new CallTimeoutError(timeoutMs, { cause: error });
      }
      countCall(service, command, isThrottling(error) ? "throttled" : "error", attemptsOf(error));
      throw error;
    }
  };
  (client as { send: unknown }).send = bounded;
  return client;
}
