/**
 * The trace page's decision (traceForPage): a source that sums up a trace without reading it (the
 * local store) decides the view by that summary's span count, and hands the summary to the page to
 * show while a large trace's outline is laid out; a small trace is read whole; an unknown one is a 404.
 */
import { afterEach, describe, expect, it } from "vitest";
import { span, traceOf } from "../analysis/test-spans";
import type { OutlineQuestions } from "../analysis/outline-engine";
import type { OutlineSummary } from "../analysis/trace-outline";
import type { TraceSummary } from "../model";
import type { Source } from "../sources/source";
import { parseTraceId, type ParsedTraceId } from "../trace-id";
import { ApiError } from "./api-error";
import { traceForPage } from "./trace-outline-cache";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const id = (() => {
  const parsed = parseTraceId(HEX);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.id;
})();

const glance = (spanCount: number): TraceSummary => ({
  traceId: HEX,
  xrayTraceId: id.xray,
  startTime: 1_700_000_000_000,
  durationMs: 12_400,
  rootService: "batch-reconcile",
  rootName: "POST /reconcile",
  status: "fault",
  spanCount,
  httpStatus: 503,
});

function sourceSumming(summary: TraceSummary | null) {
  const reads: string[] = [];
  const unused = () => Promise.reject(new Error("not asked in these tests"));
  const outline = { stats: { spanCount: summary?.spanCount ?? 0 } } as unknown as OutlineSummary;
  const questions: OutlineQuestions = { summary: async () => outline, rows: unused, locate: unused, find: unused };
  const source = {
    kind: "local",
    async getTrace(t: ParsedTraceId) {
      reads.push(t.hex);
      return traceOf([span({ traceId: HEX, spanId: "a" })]);
    },
    traceNotFoundMessage: () => "not in the store",
    leanTraces: { storedOutline: async () => null, traceSummary: async () => summary, outlineQuestions: questions },
  } as unknown as Source;
  (globalThis as { sightlineSource?: Source }).sightlineSource = source;
  return { reads };
}

afterEach(() => {
  delete (globalThis as { sightlineSource?: Source }).sightlineSource;
});

describe("traceForPage", () => {
  it("opens a large trace windowed without reading it, with its summary for the page to show meanwhile", async () => {
    const { reads } = sourceSumming(glance(1_000_000));
    const found = await traceForPage(id, null, 1_000);
    expect("windowed" in found && { spanCount: found.spanCount, glance: found.glance }).toEqual({ spanCount: 1_000_000, glance: glance(1_000_000) });
    expect(reads).toEqual([]);
  });

  it("says whether the outline was answered from memory lately (the page then waits for it rather than saying 'Laying out')", async () => {
    sourceSumming(glance(1_000_000));
    const other = parseTraceId("6f3a3e1289b4a5c6d7e8f90123456789");
    if (!other.ok) throw new Error(other.reason);
    const before = await traceForPage(other.id, null, 1_000);
    expect("windowed" in before && before.held).toBe(false);
    if ("windowed" in before) await before.windowed.summary();
    const after = await traceForPage(other.id, null, 1_000);
    expect("windowed" in after && after.held).toBe(true);
  });

  it("reads a small trace whole", async () => {
    const { reads } = sourceSumming(glance(40));
    const found = await traceForPage(id, null, 1_000);
    expect("trace" in found && found.trace.spans).toHaveLength(1);
    expect(reads).toEqual([HEX]);
  });

  it("answers 404 for a trace the source does not have", async () => {
    sourceSumming(null);
    const error = await traceForPage(id, null, 1_000).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
  });
});
