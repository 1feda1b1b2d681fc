import { describe, expect, it } from "vitest";
import type { SpanStatus } from "../model";
import { attributeDivergence, isSymptomKey } from "./attribute-divergence";
import { facetsOfSpans, type TraceFacets } from "./trace-facets";
import { versionChanges } from "./version-changes";

/** A seeded generator, so the "random" noise is the same on every run. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

interface Planted {
  n: number;
  failing: boolean;
  version: string;
  startTime: number;
  durationMs?: number;
}

const rnd = random(7);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];

function trace({ n, failing, version, startTime, durationMs = 100 }: Planted): TraceFacets {
  const status: SpanStatus = failing ? "fault" : "ok";
  return facetsOfSpans({ traceId: `t${n}`, startTime, durationMs, status }, [
    {
      service: "orders",
      attributes: {
        "http.route": pick(["/orders", "/orders/{id}", "/customers/{id}/orders"]),
        "http.response.status_code": failing ? 502 : 200,
        "customer.tier": pick(["free", "pro", "enterprise"]),
        "order.id": `ord_${n}`,
        "db.statement": "SELECT * FROM orders WHERE id = $1 ".repeat(10),
      },
      resource: { "service.name": "orders", "service.version": version, "cloud.availability_zone": pick(["eu-west-1a", "eu-west-1b", "eu-west-1c"]) },
    },
  ]);
}

describe("attributeDivergence", () => {
  // Baseline period: everything on 2.14.3, 2 % failing at random.
  const before = Array.from({ length: 400 }, (_, n) => trace({ n, failing: rnd() < 0.02, version: "2.14.3", startTime: 1_000 + n }));
  // Window: 2.15.0 rolled out to a third of the fleet, and nearly every failure is on it.
  const window = Array.from({ length: 300 }, (_, i) => {
    const onNew = rnd() < 0.33;
    const failing = onNew ? rnd() < 0.6 : rnd() < 0.02;
    return trace({ n: 1_000 + i, failing, version: onNew ? "2.15.0" : "2.14.3", startTime: 10_000 + i, durationMs: failing ? 900 : 100 });
  });
  const result = attributeDivergence(window, before, "failing");

  it("ranks the planted value first among the candidate causes", () => {
    expect(result.causes[0]).toMatchObject({ key: "service.version", value: "2.15.0" });
    expect(result.causes[0].selected).toBeGreaterThan(0.8);
    expect(result.causes[0].baseline).toBeLessThan(0.15);
  });

  it("lists the attributes that restate the failure apart, as symptoms", () => {
    expect(result.symptoms[0]).toMatchObject({ key: "http.response.status_code", value: "502" });
    expect(result.causes.some((r) => r.key === "http.response.status_code")).toBe(false);
  });

  it("leaves out identifiers and free text", () => {
    const keys = new Set([...result.causes, ...result.symptoms].map((r) => r.key));
    expect(keys.has("order.id")).toBe(false);
    expect(keys.has("db.statement")).toBe(false);
  });

  it("compares the slow traces with the baseline's p95 in slow mode", () => {
    const slow = attributeDivergence(window, before, "slow");
    expect(slow.slowThresholdMs).toBe(100);
    expect(slow.selectedTraces).toBe(window.filter((t) => t.durationMs > 100).length);
    expect(slow.causes[0]).toMatchObject({ key: "service.version", value: "2.15.0" });
  });

  it("says nothing when the failing traces look like the rest", () => {
    const same = Array.from({ length: 100 }, (_, n) => trace({ n, failing: n % 10 === 0, version: "1", startTime: n }));
    const flat = attributeDivergence(same, [], "failing");
    expect(flat.causes.every((r) => r.lead < 0.5)).toBe(true);
  });
});

describe("isSymptomKey", () => {
  it("tells status and error fields from candidate causes", () => {
    for (const key of ["http.status_code", "http.response.status_code", "error", "error.type", "exception.type", "otel.status_code", "aws.xray.fault"]) {
      expect(isSymptomKey(key), key).toBe(true);
    }
    for (const key of ["service.version", "host.name", "cloud.availability_zone", "http.route", "customer.tier", "faas.coldstart"]) {
      expect(isSymptomKey(key), key).toBe(false);
    }
  });
});

describe("versionChanges", () => {
  it("marks the first trace of a new version inside the window, once", () => {
    const traces = [
      trace({ n: 1, failing: false, version: "1.0", startTime: 100 }),
      trace({ n: 2, failing: false, version: "1.1", startTime: 300 }),
      trace({ n: 3, failing: false, version: "1.0", startTime: 310 }),
      trace({ n: 4, failing: false, version: "1.1", startTime: 320 }),
    ];
    expect(versionChanges(traces, { from: 200, to: 400 })).toEqual([{ service: "orders", version: "1.1", previous: "1.0", at: 300 }]);
    expect(versionChanges(traces, { from: 350, to: 400 })).toEqual([]);
  });
});
