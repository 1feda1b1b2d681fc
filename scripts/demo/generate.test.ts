import { afterEach, describe, expect, it } from "vitest";
import { ExportError } from "./export-ledger";
import { generateIncident } from "./generate";
import type { OtlpSink } from "./otlp-sink";
import { startOtlpSink } from "./otlp-sink";
import { createScenario } from "./scenario";
import { toXRayTraceId } from "./xray-id-generator";

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const SEED = 7;
const TRACES = 40;

let sink: OtlpSink | null = null;
afterEach(async () => {
  await sink?.close();
  sink = null;
});

function bodies(s: OtlpSink, path: string): Buffer {
  return Buffer.concat(s.requests.filter((r) => r.path === path).map((r) => r.body));
}

describe("generateIncident", () => {
  it("exports spans and logs as OTLP protobuf to /v1/traces and /v1/logs", async () => {
    sink = await startOtlpSink();
    const progress: number[] = [];
    const result = await generateIncident({
      baseUrl: sink.baseUrl,
      now: NOW,
      traces: TRACES,
      seed: SEED,
      onProgress: ({ sent }) => progress.push(sent),
    });

    expect(result.traces).toBe(TRACES);
    expect(result.traceIds).toHaveLength(TRACES);
    expect(result.spans).toBeGreaterThan(TRACES * 3);
    expect(result.logs).toBeGreaterThan(TRACES);
    expect(progress.at(-1)).toBe(TRACES);

    const paths = new Set(sink.requests.map((r) => r.path));
    expect(paths).toEqual(new Set(["/v1/traces", "/v1/logs"]));
    for (const request of sink.requests) expect(request.contentType).toBe("application/x-protobuf");

    const traces = bodies(sink, "/v1/traces");
    const logs = bodies(sink, "/v1/logs");
    for (const service of ["checkout-api", "auth-authorizer", "orders-service", "order-worker"]) {
      expect(traces.includes(service)).toBe(true);
    }
    // Span trace IDs travel as 16 raw bytes; Lambda lines name their trace in the body, X-Ray style.
    for (const traceId of result.traceIds) expect(traces.includes(Buffer.from(traceId, "hex"))).toBe(true);
    expect(logs.includes(`"xrayTraceId":"${toXRayTraceId(result.traceIds[0])}"`)).toBe(true);
    expect(logs.includes("REPORT RequestId: ")).toBe(true);
  });

  it("backdates: each trace ID starts with the epoch second its planned trace started", async () => {
    sink = await startOtlpSink();
    const result = await generateIncident({ baseUrl: sink.baseUrl, now: NOW, traces: TRACES, seed: SEED });
    const plans = createScenario({ seed: SEED, now: NOW, stream: "incident" }).planHour(TRACES);
    expect(result.traceIds.map((id) => parseInt(id.slice(0, 8), 16))).toEqual(plans.map((p) => Math.floor(p.start / 1000)));
    expect(plans[0].start).toBeLessThan(NOW - 55 * 60_000);
  });

  it("sends the same trace IDs for the same seed, and others for another seed", async () => {
    sink = await startOtlpSink();
    const run = (seed: number) => generateIncident({ baseUrl: sink!.baseUrl, now: NOW, traces: 10, seed });
    const first = await run(SEED);
    const again = await run(SEED);
    const other = await run(SEED + 1);
    expect(again.traceIds).toEqual(first.traceIds);
    expect(other.traceIds).not.toEqual(first.traceIds);
  });

  it("rejects with the server's answer when the server fails the export", async () => {
    sink = await startOtlpSink(500);
    const run = generateIncident({ baseUrl: sink.baseUrl, now: NOW, traces: 5, seed: SEED });
    await expect(run).rejects.toBeInstanceOf(ExportError);
    await expect(run).rejects.toThrow(/HTTP 500/);
  });
});
