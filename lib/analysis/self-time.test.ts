import { describe, expect, it } from "vitest";
import { selfTimes } from "./self-time";
import { span } from "./test-spans";

describe("selfTimes", () => {
  it("is empty for no spans", () => {
    expect(selfTimes([])).toEqual(new Map());
  });

  it("counts overlapping children once and leaves gaps to the parent", () => {
    const times = selfTimes([
      span({ spanId: "root", startTime: 0, endTime: 100 }),
      span({ spanId: "a", parentSpanId: "root", startTime: 10, endTime: 40 }),
      span({ spanId: "b", parentSpanId: "root", startTime: 30, endTime: 60 }),
      span({ spanId: "inside-b", parentSpanId: "root", startTime: 35, endTime: 50 }),
      span({ spanId: "c", parentSpanId: "root", startTime: 80, endTime: 90 }),
    ]);
    // Children cover 10–60 and 80–90: 60 ms of the root's 100.
    expect(times.get("root")).toBe(40);
    expect(times.get("a")).toBe(30);
    expect(times.get("c")).toBe(10);
  });

  it("subtracts direct children only, not grandchildren", () => {
    const times = selfTimes([
      span({ spanId: "root", startTime: 0, endTime: 100 }),
      span({ spanId: "child", parentSpanId: "root", startTime: 0, endTime: 50 }),
      span({ spanId: "grandchild", parentSpanId: "child", startTime: 10, endTime: 40 }),
    ]);
    expect(times.get("root")).toBe(50);
    expect(times.get("child")).toBe(20);
    expect(times.get("grandchild")).toBe(30);
  });

  it("clips children to the span: the part outside it does not count", () => {
    const times = selfTimes([
      span({ spanId: "client", startTime: 0, endTime: 100 }),
      span({ spanId: "server", parentSpanId: "client", service: "api", startTime: 90, endTime: 150 }),
      span({ spanId: "skewed", parentSpanId: "client", service: "api", startTime: -20, endTime: 10 }),
    ]);
    expect(times.get("client")).toBe(80);
    expect(times.get("server")).toBe(60);
  });

  it("does not subtract async children the span did not wait for", () => {
    const times = selfTimes([
      span({ spanId: "send", kind: "producer", startTime: 0, endTime: 20 }),
      span({ spanId: "consume", parentSpanId: "send", kind: "consumer", service: "worker", startTime: 10, endTime: 50 }),
    ]);
    expect(times.get("send")).toBe(20);
  });

  it("keeps sub-millisecond precision at epoch scale", () => {
    const t0 = 1_763_700_000_000;
    const times = selfTimes([
      span({ spanId: "root", startTime: t0, endTime: t0 + 1 }),
      span({ spanId: "a", parentSpanId: "root", startTime: t0 + 0.1, endTime: t0 + 0.35 }),
      span({ spanId: "b", parentSpanId: "root", startTime: t0 + 0.3, endTime: t0 + 0.6 }),
    ]);
    expect(times.get("root")).toBeCloseTo(0.5, 3);
  });

  it("never goes negative for a span that ends before it starts", () => {
    expect(selfTimes([span({ spanId: "bad", startTime: 10, endTime: 5 })]).get("bad")).toBe(0);
  });

  it("handles a 100,000-deep chain and a 100,000-child fan-out", () => {
    const n = 100_000;
    const chain = Array.from({ length: n }, (_, i) => span({ spanId: `s${i}`, parentSpanId: i ? `s${i - 1}` : null, startTime: i, endTime: 2 * n - i }));
    const chainTimes = selfTimes(chain);
    expect(chainTimes.size).toBe(n);
    expect([...chainTimes.values()].every((t) => t === 2)).toBe(true);

    const fan = [
      span({ spanId: "root", startTime: 0, endTime: 2 * n }),
      ...Array.from({ length: n }, (_, i) => span({ spanId: `c${i}`, parentSpanId: "root", startTime: 2 * i, endTime: 2 * i + 1 })),
    ];
    expect(selfTimes(fan).get("root")).toBe(n);
  });
});
