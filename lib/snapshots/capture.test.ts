import { describe, expect, it } from "vitest";
import type { LogsResult, Trace } from "../model";
import { parseTraceId } from "../trace-id";
import { type CaptureSource, captureTrace } from "./capture";
import { testPayload, TRACE_ID } from "./test-payload";

const parsed = parseTraceId(TRACE_ID);
if (!parsed.ok) throw new Error(parsed.reason);
const id = parsed.id;

/** A source whose logs answer "running" `runningAnswers` times before they complete. */
function source(trace: Trace | null, runningAnswers: number): CaptureSource & { logCalls: number } {
  const done = testPayload().logs;
  return {
    logCalls: 0,
    getTrace: () => Promise.resolve(trace),
    getTraceLogs(): Promise<LogsResult> {
      this.logCalls += 1;
      return Promise.resolve(this.logCalls <= runningAnswers ? { events: [], status: "running" } : done);
    },
  };
}

/** A fake clock that the sleeps advance. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: (ms: number) => ((t += ms), Promise.resolve()) };
}

describe("captureTrace", () => {
  it("waits for a running logs search to settle, and builds the trace's service graph", async () => {
    const s = source(testPayload().trace, 3);
    const payload = await captureTrace(s, id, { waitMs: 20_000, pollMs: 500, ...clock() });
    expect(s.logCalls).toBe(4);
    expect(payload?.logs.status).toBe("complete");
    expect(payload?.logs.events).toHaveLength(1);
    expect(payload?.serviceGraph.nodes.map((n) => n.name).sort()).toEqual(["client", "edge-api", "orders"]);
  });

  it("stores a search still running at the deadline as partial, and says so", async () => {
    const s = source(testPayload().trace, 1000);
    const payload = await captureTrace(s, id, { waitMs: 2000, pollMs: 500, ...clock() });
    expect(payload?.logs.status).toBe("partial");
    expect(payload?.logs.message).toMatch(/still running 2 s after/);
  });

  it("is null when the source has no such trace", async () => {
    expect(await captureTrace(source(null, 0), id, { waitMs: 0, pollMs: 1 })).toBeNull();
  });
});
