/**
 * The reads behind a large trace's outline (reader.ts): the lean spans, whole spans by ID, and the
 * spans whose attributes match a search — each against what the whole read and the Gantt's search
 * (visible-rows.ts spanSearchPredicate) say.
 */
import { describe, expect, it } from "vitest";
import { spanSearchPredicate } from "../../../analysis/visible-rows";
import type { SpanRecord } from "../records";
import { batch, resource, span, spanId, T0_MS, T0_US, testStore, traceId } from "./test-helpers";

const T = traceId(7);

function spans(): SpanRecord[] {
  const lambda = resource("orders", { "cloud.provider": "aws", "faas.name": "orders" });
  return [
    span({
      traceId: T,
      spanId: spanId(1),
      name: "POST /orders",
      startUs: T0_US,
      endUs: T0_US + 9000,
      attributes: { "http.route": "/orders", user: "Zoë Ångström" },
    }),
    span({
      traceId: T,
      spanId: spanId(2),
      parentSpanId: spanId(1),
      name: "init",
      startUs: T0_US + 100,
      endUs: T0_US + 900,
      origin: "AWS::Lambda::Function",
      attributes: { "faas.coldstart": true, note: 'say "hi"' },
      resource: lambda,
      events: [{ name: "exception", timestamp: T0_MS + 0.5, attributes: { "exception.type": "Boom" } }],
    }),
    span({
      traceId: T,
      spanId: spanId(3),
      parentSpanId: spanId(1),
      name: "PutItem",
      kind: "client",
      startUs: T0_US + 1000,
      endUs: T0_US + 5000,
      status: "fault",
      statusMessage: "throttled",
      httpStatus: 400,
      attributes: { "db.system": "dynamodb", "db.name": "Orders", count: 3 },
      links: [{ traceId: traceId(9), spanId: spanId(9), attributes: {} }],
    }),
    span({ traceId: T, spanId: spanId(4), parentSpanId: spanId(3), name: "retry", kind: "producer", startUs: T0_US + 6000, endUs: T0_US + 7000 }),
    span({ traceId: traceId(8), spanId: spanId(5), name: "other trace", attributes: { user: "zoë" } }),
  ];
}

describe("lean reads of a trace", () => {
  it("gives every span as the whole read does, without events or links, attributes only on calls and a cold start's flag", () => {
    const store = testStore();
    store.write(batch({ spans: spans() }));
    const whole = store.getTraceSpans(T);
    const lean = store.getTraceOutlineSpans(T);
    expect(lean.map((s) => s.spanId)).toEqual(whole.map((s) => s.spanId));
    for (let i = 0; i < whole.length; i++) {
      const { attributes, events: _events, links: _links, ...rest } = whole[i];
      expect(lean[i]).toMatchObject(rest);
      expect(lean[i].events).toEqual([]);
      expect(lean[i].links).toEqual([]);
      const call = whole[i].kind === "client" || whole[i].kind === "producer";
      expect(lean[i].attributes, whole[i].name).toEqual(call ? attributes : attributes["faas.coldstart"] === true ? { "faas.coldstart": true } : {});
    }
    expect(whole.some((s) => s.events.length > 0) && whole.some((s) => s.links.length > 0)).toBe(true);
    expect(lean[1].resource).toMatchObject({ "faas.name": "orders" });
    expect(store.getTraceOutlineSpans(traceId(99))).toEqual([]);
  });

  it("sums up the trace from its one row, as the trace list does", () => {
    const store = testStore();
    store.write(batch({ spans: spans() }));
    const listed = store.findTraces({ from: T0_MS - 1000, to: T0_MS + 60_000, limit: 10 }).find((t) => t.traceId === T);
    expect(listed?.spanCount).toBe(spans().filter((s) => s.traceId === T).length);
    expect(store.traceSummary(T)).toEqual(listed);
    expect(store.traceSummary(traceId(99))).toBeNull();
  });

  it("reads spans whole by ID, leaving out IDs the trace lacks", () => {
    const store = testStore();
    store.write(batch({ spans: spans() }));
    const whole = new Map(store.getTraceSpans(T).map((s) => [s.spanId, s]));
    const got = store.getSpansById(T, [spanId(3), spanId(2), spanId(5), "ffffffffffffffff"]);
    expect(got.map((s) => s.spanId).sort()).toEqual([spanId(2), spanId(3)]);
    for (const s of got) expect(s).toEqual(whole.get(s.spanId));
    // More IDs than one statement takes.
    const many = Array.from({ length: 250 }, (_, k) => spanId(1000 + k));
    expect(store.getSpansById(T, [...many, spanId(1)]).map((s) => s.spanId)).toEqual([spanId(1)]);
  });

  it("finds the spans whose string attributes contain a text, as the Gantt's search does", () => {
    const store = testStore();
    store.write(batch({ spans: spans() }));
    const whole = store.getTraceSpans(T);
    for (const text of ["zoë", "ÅNGSTRÖM", "orders", '"hi"', "dynamodb", "3", "true", "http.route", "nothing"]) {
      const predicate = spanSearchPredicate(text)!;
      const byAttributes = whole.filter((s) => Object.values(s.attributes).some((v) => typeof v === "string" && v.toLowerCase().includes(text.toLowerCase())));
      expect([...store.spanIdsWithAttributeText(T, text)].sort(), text).toEqual(byAttributes.map((s) => s.spanId).sort());
      // With the name, service and ID tests the lean spans keep, the same matches as on whole spans.
      const lean = store.getTraceOutlineSpans(T);
      const ids = store.spanIdsWithAttributeText(T, text);
      expect(
        lean.filter((s) => predicate(s) || ids.has(s.spanId)).map((s) => s.spanId),
        text,
      ).toEqual(whole.filter(predicate).map((s) => s.spanId));
    }
  });
});
