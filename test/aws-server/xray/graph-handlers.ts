/**
 * X-Ray graph operations: GetServiceGraph (a time window), GetTraceGraph (some traces) and
 * GetTimeSeriesServiceStatistics (one service's statistics per period).
 */
import type { Handler } from "../context";
import { FilterSyntaxError, parseFilterExpression } from "./filter-expression";
import { type SegmentDoc, outcomeOf } from "./segment-doc";
import { round3 } from "./segment-store";
import { serviceGraph } from "./service-graph";
import { StatsAccumulator } from "./statistics";
import { invalidRequest, timeWindow, xrayReader } from "./trace-handlers";

function docsStartingIn(all: SegmentDoc[], start: number, end: number): SegmentDoc[] {
  return all.filter((d) => d.start >= start && d.start <= end);
}

export const getServiceGraph: Handler = (ctx, input) => {
  const { start, end } = timeWindow(xrayReader(input));
  const docs = docsStartingIn(
    ctx.segments.traces().flatMap((t) => t.docs),
    start,
    end,
  );
  return { StartTime: start, EndTime: end, Services: serviceGraph(docs), ContainsOldGroupVersions: false };
};

export const getTraceGraph: Handler = (ctx, input) => {
  const ids = xrayReader(input).stringArray("TraceIds", 1, 100);
  const docs = ids.flatMap((id) => ctx.segments.trace(id)?.docs ?? []);
  return { Services: serviceGraph(docs) };
};

export const getTimeSeriesServiceStatistics: Handler = (ctx, input) => {
  const reader = xrayReader(input);
  const { start, end } = timeWindow(reader);
  const period = reader.optionalNumber("Period") ?? 60;
  if (!Number.isInteger(period) || period < 60 || period % 60 !== 0) throw invalidRequest("Period must be a multiple of 60 seconds.");
  const selector = reader.optionalString("EntitySelectorExpression");
  let service: string | null = null;
  if (selector !== undefined) {
    try {
      const node = parseFilterExpression(selector);
      if (node.kind !== "service") throw new FilterSyntaxError('the test server supports service("name") selectors only', 0);
      service = node.name;
    } catch (error) {
      if (error instanceof FilterSyntaxError) throw invalidRequest(`Invalid entity selector expression: ${error.message}.`);
      throw error;
    }
  }
  const docs = docsStartingIn(
    ctx.segments.traces().flatMap((t) => t.docs),
    start,
    end,
  ).filter((d) => (service === null ? !d.inferred : d.name === service));
  const buckets = new Map<number, StatsAccumulator>();
  for (const doc of docs) {
    const bucket = Math.floor(doc.start / period) * period;
    const acc = buckets.get(bucket) ?? new StatsAccumulator();
    acc.add(outcomeOf(doc.raw), doc.end === null ? null : round3(doc.end - doc.start));
    buckets.set(bucket, acc);
  }
  return {
    TimeSeriesServiceStatistics: [...buckets.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([timestamp, acc]) => ({
        Timestamp: timestamp,
        ServiceSummaryStatistics: acc.summary(),
        ResponseTimeHistogram: acc.histogramEntries(),
      })),
    ContainsOldGroupVersions: false,
  };
};
