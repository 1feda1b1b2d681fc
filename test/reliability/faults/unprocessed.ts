/** BatchGetTraces leaving the trace in UnprocessedTraceIds: asked again, and the trace arrives whole. */
import type { Trace } from "../../../lib/model";
import { check } from "../report";
import type { Scenario } from "./harness";

export const unprocessedTraces: Scenario = {
  id: "unprocessed",
  async run(h) {
    const known = await h.seed();
    const xrayId = `1-${known.traceId.slice(0, 8)}-${known.traceId.slice(8)}`;
    await h.post("/inject", { op: "BatchGetTraces", fault: { kind: "unprocessed", traceIds: [xrayId] } });
    const a = await h.request(`/api/traces/${known.traceId}`);
    const calls = (await h.calls()).filter((c) => c.op === "BatchGetTraces");
    await h.reset();
    const trace = a.status === 200 ? (a.body as { trace: Trace }).trace : null;
    return {
      checks: [
        check(
          "a trace X-Ray first leaves unprocessed arrives complete (asked again)",
          trace !== null && trace.spans.length >= known.spans.length && calls.length === 2,
          `${a.status}, ${trace?.spans.length ?? 0} spans, ${calls.length} BatchGetTraces calls`,
        ),
      ],
      figures: [{ label: "UnprocessedTraceIds: BatchGetTraces calls for one trace", value: `${calls.length} (${a.ms} ms)` }],
      faultsInjected: 1,
    };
  },
};
