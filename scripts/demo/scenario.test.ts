import { SpanKind } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { INCIDENT, incidentIntensity } from "./mix";
import { HOUR_MS, createScenario } from "./scenario";
import type { SpanPlan, TracePlan } from "./span-plan";
import { CATEGORIES, allSpans } from "./span-plan";

const NOW = Date.UTC(2025, 5, 1, 12, 0, 0);
const plans = createScenario({ seed: 3, now: NOW, stream: "incident" }).planHour(400);
const spans = plans.flatMap((p) => allSpans(p.root));

function parentOf(plan: TracePlan, child: SpanPlan): SpanPlan | undefined {
  return allSpans(plan.root).find((s) => s.children.includes(child));
}

const inIncident = (p: TracePlan) => incidentIntensity(p.start, NOW) === 1;
const unhealthyShare = (ps: TracePlan[]) => ps.filter((p) => p.category !== "healthy").length / ps.length;

describe("the scenario planner", () => {
  it("is deterministic for a seed and `now`", () => {
    const again = createScenario({ seed: 3, now: NOW, stream: "incident" }).planHour(400);
    expect(again).toEqual(plans);
    const other = createScenario({ seed: 4, now: NOW, stream: "incident" }).planHour(400);
    expect(other).not.toEqual(plans);
  });

  it("plans every category, and every failure story", () => {
    const categories = new Set(plans.map((p) => p.category));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
    const statuses = new Set(plans.map((p) => p.root.attributes["http.response.status_code"]));
    for (const status of [200, 201, 400, 404, 429, 504]) expect(statuses).toContain(status);
    expect(spans.some((s) => s.attributes["error.type"] === "ProvisionedThroughputExceededException")).toBe(true);
    expect(spans.some((s) => s.name === "Initialization")).toBe(true);
  });

  it("lays the traffic over the last hour, every span ended before `now`", () => {
    for (const plan of plans) {
      expect(plan.start).toBeGreaterThanOrEqual(NOW - HOUR_MS);
      expect(plan.end).toBeLessThan(NOW);
    }
    for (const span of spans) expect(span.end).toBeGreaterThanOrEqual(span.start);
  });

  it("has the incident's shape: errors and latency peak ~20 minutes ago, then recover", () => {
    const incident = plans.filter(inIncident);
    const before = plans.filter((p) => p.start < NOW - INCIDENT.centreAgoMs - 15 * 60_000);
    const after = plans.filter((p) => p.start > NOW - INCIDENT.centreAgoMs + 15 * 60_000);
    expect(unhealthyShare(incident)).toBeGreaterThan(0.6);
    expect(unhealthyShare(before)).toBeLessThan(0.3);
    expect(unhealthyShare(after)).toBeLessThan(0.3);
    const meanMs = (ps: TracePlan[]) => ps.reduce((n, p) => n + p.root.end - p.root.start, 0) / ps.length;
    expect(meanMs(incident)).toBeGreaterThan(5 * meanMs(before));
  });

  it("nests synchronous work inside its parent, and starts the worker 20–500 ms after the send", () => {
    for (const plan of plans) {
      for (const span of allSpans(plan.root)) {
        const parent = parentOf(plan, span);
        if (!parent) continue;
        if (span.kind === SpanKind.CONSUMER) {
          expect(parent.kind).toBe(SpanKind.PRODUCER);
          expect(span.start - parent.end).toBeGreaterThanOrEqual(20);
          expect(span.start - parent.end).toBeLessThanOrEqual(500);
        } else {
          expect(span.start).toBeGreaterThanOrEqual(parent.start);
          expect(span.end).toBeLessThanOrEqual(parent.end);
        }
      }
    }
  });

  it("gives a cold start its Initialization phase before the handler, and Init Duration in REPORT", () => {
    const inits = spans.filter((s) => s.name === "Initialization");
    for (const init of inits) {
      const plan = plans.find((p) => allSpans(p.root).includes(init));
      const invocation = plan && parentOf(plan, init);
      expect(invocation?.attributes["faas.coldstart"]).toBe(true);
      expect(init.end - init.start).toBeGreaterThanOrEqual(150);
      expect(init.end - init.start).toBeLessThanOrEqual(900);
      expect(init.start).toBe(invocation?.start);
      const report = invocation?.logs.find((l) => l.kind === "lambda-report");
      expect(report?.kind === "lambda-report" && report.initDurationMs).toBeCloseTo(init.end - init.start);
      for (const other of invocation?.children ?? []) if (other !== init) expect(other.start).toBeGreaterThan(init.end);
    }
  });

  it("tells each failure with its span status, exception and log line", () => {
    const timeout = spans.find((s) => s.exception?.type === "TimeoutError");
    expect(timeout?.attributes["url.full"]).toBe("https://api.payments-provider.example/v1/charges");
    expect(timeout && timeout.end - timeout.start).toBeGreaterThanOrEqual(10_000);
    expect(timeout?.error).not.toBeNull();
    const lines = spans.flatMap((s) => s.logs).flatMap((l) => (l.kind === "app" ? [l.message] : []));
    for (const message of [
      "slow query",
      "payment provider timeout after 10000 ms",
      "ProvisionedThroughputExceededException, retrying",
      "validation failed: unknown sku",
    ]) {
      expect(lines).toContain(message);
    }
    const slow = spans.filter((s) => s.attributes["db.system"] === "postgresql" && s.end - s.start >= 1500);
    expect(slow.length).toBeGreaterThan(0);
    for (const query of slow) expect(String(query.attributes["db.statement"])).toMatch(/FROM orders WHERE customer_id = \$1/);
  });

  it("writes 3–12 log lines per trace (only the access-log line when the gateway throttles)", () => {
    for (const plan of plans) {
      const count = allSpans(plan.root).reduce((n, s) => n + s.logs.length, 0);
      if (plan.root.attributes["http.response.status_code"] === 429) expect(count).toBe(1);
      else {
        expect(count).toBeGreaterThanOrEqual(3);
        expect(count).toBeLessThanOrEqual(12);
      }
    }
  });
});
