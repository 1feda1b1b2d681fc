import { ROOT_CONTEXT, SpanKind } from "@opentelemetry/api";
import { SamplingDecision } from "@opentelemetry/sdk-trace-base";
import { describe, expect, it } from "vitest";
import { isTracedPath, parseSelfTracingSettings, SightlineRootSampler } from "./self-tracing";

describe("parseSelfTracingSettings", () => {
  it("is off without an OTLP endpoint, or when the SDK is disabled", () => {
    expect(parseSelfTracingSettings({})).toBeNull();
    expect(parseSelfTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318", OTEL_SDK_DISABLED: "true" })).toBeNull();
  });

  it("is on with either endpoint variable, named sightline unless OTEL_SERVICE_NAME says otherwise", () => {
    expect(parseSelfTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" })).toEqual({ serviceName: "sightline", ratio: 1 });
    expect(
      parseSelfTracingSettings({
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c/v1/traces",
        OTEL_SERVICE_NAME: "sightline-prod",
        OTEL_TRACES_SAMPLER_ARG: "0.1",
      }),
    ).toEqual({
      serviceName: "sightline-prod",
      ratio: 0.1,
    });
  });

  it("names a bad sampling ratio", () => {
    expect(() => parseSelfTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c", OTEL_TRACES_SAMPLER_ARG: "2" })).toThrow(
      /OTEL_TRACES_SAMPLER_ARG must be a ratio/,
    );
    expect(() => parseSelfTracingSettings({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c", OTEL_TRACES_SAMPLER_ARG: "all" })).toThrow(/got "all"/);
  });
});

describe("what is traced", () => {
  it("leaves out ingest, probes, /metrics and static files", () => {
    for (const path of ["/v1/traces", "/v1/logs", "/api/health", "/api/ready?x=1", "/metrics", "/_next/static/chunks/a.js", "/favicon.ico"]) {
      expect(isTracedPath(path), path).toBe(false);
    }
    for (const path of ["/", "/trace/abc", "/api/traces", "/api/traces/abc/logs", "/api/healthy", "/metrics-dashboard"]) {
      expect(isTracedPath(path), path).toBe(true);
    }
  });

  it("drops a root span of an untraced path and keeps the rest by ratio", () => {
    const all = new SightlineRootSampler(1);
    const none = new SightlineRootSampler(0);
    const sample = (s: SightlineRootSampler, target: string) =>
      s.shouldSample(ROOT_CONTEXT, "0af7651916cd43dd8448eb211c80319c", `POST ${target}`, SpanKind.SERVER, { "http.target": target }, []).decision;
    expect(sample(all, "/v1/traces")).toBe(SamplingDecision.NOT_RECORD);
    expect(sample(all, "/api/traces")).toBe(SamplingDecision.RECORD_AND_SAMPLED);
    expect(sample(none, "/api/traces")).toBe(SamplingDecision.NOT_RECORD);
  });
});
