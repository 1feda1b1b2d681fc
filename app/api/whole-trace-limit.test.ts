/**
 * The routes that answer with (or read) a trace whole refuse one over TRACE_READ_MAX_SPANS with
 * 422 trace_too_large: before reading it when the source can count its spans, after otherwise.
 * Nothing is written for a refused snapshot.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { span, traceOf } from "@/lib/analysis/test-spans";
import type { Trace } from "@/lib/model";
import type { Source } from "@/lib/sources/source";
import type { ParsedTraceId } from "@/lib/trace-id";
import { GET as getTrace } from "./traces/[traceId]/route";
import { GET as getOtlp } from "./traces/[traceId]/otlp/route";
import { GET as getPercentiles } from "./traces/[traceId]/percentiles/route";
import { GET as getTypical } from "./traces/[traceId]/typical/route";
import { POST as postSnapshot } from "./snapshots/route";

const HEX = "5f3a3e1289b4a5c6d7e8f90123456789";
const MAX = 5;
const dataDir = mkdtempSync(path.join(tmpdir(), "sl-whole-read-"));

beforeAll(() => {
  vi.stubEnv("TRACE_READ_MAX_SPANS", String(MAX));
  vi.stubEnv("DATA_DIR", dataDir);
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A trace of `spanCount` spans: a root and its children, a millisecond apart. */
function traceWith(spanCount: number): Trace {
  const id = (i: number) => (i + 1).toString(16).padStart(16, "0");
  return traceOf(
    Array.from({ length: spanCount }, (_, i) =>
      span({
        traceId: HEX,
        spanId: id(i),
        parentSpanId: i === 0 ? null : id(0),
        service: "web",
        name: "GET /",
        kind: "server",
        startTime: 1_700_000_000_000 + i,
      }),
    ),
  );
}

/** A source holding one trace of `spanCount` spans; `counts`: it can sum up a trace (its span count) without reading it. */
function sourceWith(spanCount: number, counts: boolean) {
  const reads: string[] = [];
  const source = {
    kind: "local",
    capabilities: { filterExpressions: false },
    async getTrace(id: ParsedTraceId) {
      reads.push(id.hex);
      return traceWith(spanCount);
    },
    traceNotFoundMessage: () => "none",
    async getTraceLogs() {
      return { events: [], status: "complete" };
    },
    async findTraces() {
      return [];
    },
    ...(counts ? { leanTraces: { traceSummary: async () => ({ spanCount }) } } : {}),
  } as unknown as Source;
  (globalThis as { sightlineSource?: Source }).sightlineSource = source;
  return { reads };
}

afterEach(() => {
  delete (globalThis as { sightlineSource?: Source }).sightlineSource;
});

const ctx = { params: Promise.resolve({ traceId: HEX }) };
const wholeReads: [string, () => Promise<Response>][] = [
  ["GET /api/traces/{id}", () => getTrace(new Request(`http://localhost/api/traces/${HEX}`), ctx)],
  ["GET /api/traces/{id}/otlp", () => getOtlp(new Request(`http://localhost/api/traces/${HEX}/otlp`), ctx)],
  ["GET /api/traces/{id}/percentiles", () => getPercentiles(new Request(`http://localhost/api/traces/${HEX}/percentiles`), ctx)],
  ["GET /api/traces/{id}/typical", () => getTypical(new Request(`http://localhost/api/traces/${HEX}/typical`), ctx)],
  [
    "POST /api/snapshots",
    () =>
      postSnapshot(
        new Request("http://localhost/api/snapshots", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ traceId: HEX, title: "too big" }),
        }),
        {},
      ),
  ],
];

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

describe.each(wholeReads)("%s", (_name, call) => {
  it("refuses a trace over TRACE_READ_MAX_SPANS before reading it, when the source counts spans", async () => {
    const { reads } = sourceWith(MAX + 1, true);
    const res = await call();
    expect(res.status).toBe(422);
    const error = await errorOf(res);
    expect(error.code).toBe("trace_too_large");
    expect(error.message).toContain(`has ${MAX + 1} spans, more than the ${MAX}`);
    expect(error.message).toContain("TRACE_READ_MAX_SPANS");
    expect(error.message).toContain(`/trace/${HEX}`);
    expect(reads).toEqual([]);
  });

  it("refuses it after the read when the source cannot count first", async () => {
    const { reads } = sourceWith(MAX + 1, false);
    const res = await call();
    expect(res.status).toBe(422);
    expect((await errorOf(res)).code).toBe("trace_too_large");
    expect(reads).toEqual([HEX]);
  });

  it("answers a trace at the limit", async () => {
    sourceWith(MAX, true);
    const res = await call();
    expect(res.status).not.toBe(422);
    expect(res.status).toBeLessThan(500);
  });
});
