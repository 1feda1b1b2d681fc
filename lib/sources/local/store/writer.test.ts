import { describe, expect, it } from "vitest";
import type { SpanRecord } from "../records";
import { prepareBatch } from "./prepared-batch";
import { batch, span, spanId, testWriter, traceId } from "./test-helpers";

const spans = (t: number, from: number, to: number, extra: Partial<SpanRecord> = {}) =>
  Array.from({ length: to - from }, (_, i) =>
    span({ traceId: traceId(t), spanId: spanId(from + i + 1), parentSpanId: from + i === 0 ? null : spanId(1), ...extra }),
  );

describe("the writer", () => {
  it("stores many-row chunks, and counts only the new spans of a chunk that repeats some", () => {
    const { writer, reader } = testWriter();
    // 150 spans: two full chunks of 64 and 22 one by one.
    expect(writer.write(prepareBatch(batch({ spans: spans(1, 0, 150) })))).toEqual({ spans: 150, logs: 0 });
    // An exporter's retry overlapping the first: 100..229, of which 100..149 are stored already.
    expect(writer.write(prepareBatch(batch({ spans: spans(1, 100, 230) })))).toEqual({ spans: 80, logs: 0 });
    expect(reader.getTraceSpans(traceId(1))).toHaveLength(230);
    expect(reader.findTraces({ from: 0, to: Date.now(), limit: 10 })).toMatchObject([{ spanCount: 230 }]);
  });

  it("commits a group together, answering a batch that fails its error and storing the others", () => {
    const { writer, reader } = testWriter();
    const bad = batch({ spans: [span({ traceId: traceId(2), spanId: spanId(1), kind: "sideways" as SpanRecord["kind"] })] });
    const outcomes = writer.writeGroup([batch({ spans: spans(1, 0, 3) }), bad, batch({ spans: spans(3, 0, 70) })].map(prepareBatch));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1].ok || String(outcomes[1].error)).toMatch(/CHECK constraint failed/);
    expect(reader.getTraceSpans(traceId(1))).toHaveLength(3);
    expect(reader.getTraceSpans(traceId(2))).toEqual([]);
    expect(reader.getTraceSpans(traceId(3))).toHaveLength(70);
  });

  it("when SQLite aborts the group's transaction (a full disk), retries each batch alone so the small ones still land", () => {
    const { db, writer, reader } = testWriter();
    writer.write(prepareBatch(batch({ spans: spans(1, 0, 1) })));
    const pages = Number(db.pragma("page_count", { simple: true }));
    db.pragma(`max_page_count = ${pages + 8}`);
    const huge = batch({ spans: spans(2, 0, 300, { attributes: { blob: "x".repeat(4000) } }) });
    const outcomes = writer.writeGroup([batch({ spans: spans(3, 0, 2) }), huge, batch({ spans: spans(4, 0, 2) })].map(prepareBatch));
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1].ok || (outcomes[1].error as { code?: string }).code).toBe("SQLITE_FULL");
    expect(reader.getTraceSpans(traceId(2))).toEqual([]);
    expect(reader.getTraceSpans(traceId(3))).toHaveLength(2);
    expect(reader.getTraceSpans(traceId(4))).toHaveLength(2);
  });
});
