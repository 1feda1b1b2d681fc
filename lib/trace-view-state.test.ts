import { describe, expect, it } from "vitest";
import { DEFAULT_VIEW, parseViewState, serializeViewState, traceViewUrl, type TraceViewState } from "./trace-view-state";

describe("trace view state in the URL", () => {
  it("round-trips every field", () => {
    const state: TraceViewState = {
      spanId: "53995c3f42cd8ad8",
      service: "orders-service",
      logQuery: "timeout after",
      spanQuery: "SELECT",
      zoom: { from: 12.5, to: 340.125 },
      criticalPath: false,
      timeZone: "local",
    };
    const params = serializeViewState(state);
    expect(params.toString()).toBe("span=53995c3f42cd8ad8&service=orders-service&q=timeout+after&find=SELECT&from=12.5&to=340.125&cp=0&tz=local");
    expect(parseViewState(new URLSearchParams(params.toString()))).toEqual(state);
  });

  it("writes nothing for the default view", () => {
    expect(serializeViewState(DEFAULT_VIEW).toString()).toBe("");
    expect(parseViewState(new URLSearchParams())).toEqual(DEFAULT_VIEW);
  });

  it("ignores malformed values instead of failing the page", () => {
    const s = parseViewState(new URLSearchParams("span=zzz&from=50&to=10&tz=mars&cp=maybe"));
    expect(s).toEqual({ ...DEFAULT_VIEW });
    expect(parseViewState(new URLSearchParams("from=1&to=abc")).zoom).toBeNull();
    expect(parseViewState(new URLSearchParams(`q=${"x".repeat(500)}`)).logQuery).toHaveLength(200);
  });
});

describe("traceViewUrl", () => {
  it("owns every parameter the view writes, and no other (the incident window wfrom, wto stays in the link)", () => {
    const all = serializeViewState({
      spanId: "53995c3f42cd8ad8",
      service: "s",
      logQuery: "q",
      spanQuery: "f",
      zoom: { from: 1, to: 2 },
      criticalPath: false,
      timeZone: "local",
    });
    expect([...all.keys()].sort()).toEqual([...(traceViewUrl.keys ?? [])].sort());
    expect(traceViewUrl.keys).not.toContain("wfrom");
    expect(traceViewUrl.parse(new URLSearchParams("span=53995c3f42cd8ad8&wfrom=1"))).toEqual({ ...DEFAULT_VIEW, spanId: "53995c3f42cd8ad8" });
  });
});
