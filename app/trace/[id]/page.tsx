import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { requesterOf } from "@/lib/auth/identity-headers";
import { queryKeys } from "@/lib/client/queries/keys";
import { ApiError } from "@/lib/http/api-error";
import { PLAIN_VIEW, ROWS_PAGE, viewQueryString, type OutlineSummary, type RowsPage, type SpanLocation } from "@/lib/analysis/trace-outline";
import { config } from "@/lib/config";
import { answerWithin } from "@/lib/http/answer-within";
import { traceForPage } from "@/lib/http/trace-outline-cache";
import { parseViewState } from "@/lib/trace-view-state";
import type { LogsResult, Trace, TraceSummary } from "@/lib/model";
import { getSource } from "@/lib/sources";
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId, type ParsedTraceId } from "@/lib/trace-id";
import { buildServiceGraph } from "@/lib/analysis/service-graph";
import { laidOutAtOnce, layoutSeedOf } from "@/lib/analysis/service-map-dagre";
import { FIRST_PAINT_MAP_ASPECT } from "@/components/first-paint";
import { TracePage } from "@/components/trace-page/trace-page";
import { WindowedTracePage } from "@/components/trace-window/windowed-trace-page";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Traces up to this many spans (and logs up to this many lines) come with the page: server-rendered
 * and handed to the client's query cache, so the first paint needs no request of its own. Larger
 * ones are fetched by the browser as before (their JSON in the page would double what crosses).
 */
const INLINE_MAX_SPANS = 2_000;
const INLINE_MAX_LOG_LINES = 5_000;

/**
 * How long the render waits for a large trace's outline. A stored or cached one answers in
 * milliseconds; one laid out now (a million spans just ingested: about 9 s) is not waited for: the
 * page goes out, says what is happening, and the browser asks for the outline (the same build).
 */
const OUTLINE_WAIT_MS = 1_000;

/**
 * A trace the source summed up without reading it (its outline is not stored, nor answered from
 * memory lately) and larger than this takes longer than OUTLINE_WAIT_MS to lay out (about 7 µs a
 * span on a 2-core machine): the page goes out at once with what the summary says, the build
 * started meanwhile.
 */
const NO_WAIT_FROM_SPANS = 200_000;

type Prefetched =
  | { unknown: true }
  | { unknown: false; trace: Trace | null; logs: LogsResult | null }
  | {
      unknown: false;
      windowed: { summary: OutlineSummary; rows: { key: string; page: RowsPage }; span: SpanLocation | null } | null;
      spanCount: number | null;
      /** What the page shows of the trace while its outline is laid out (null: the source cannot tell without reading it). */
      glance: TraceSummary | null;
      logs: LogsResult | null;
    };

/**
 * The trace (the source caches it: the same read that decides the 404) and, for a small one, the
 * first answer for its logs — what the browser's first GET …/logs would get (on aws: the search
 * started, "running"). A trace over TRACE_WINDOW_FROM_SPANS comes as its outline instead: summary,
 * first rows of the view in the URL, the selected span. An upstream failure is the client page's to
 * show: nothing is prefetched then.
 */
async function prefetch(id: ParsedTraceId, requester: string, search: URLSearchParams): Promise<Prefetched> {
  let found: Awaited<ReturnType<typeof traceForPage>>;
  try {
    // A trace the server will not read whole (TRACE_READ_MAX_SPANS) opens windowed, whatever TRACE_WINDOW_FROM_SPANS says.
    const { traceWindowFromSpans, traceReadMaxSpans } = config();
    found = await traceForPage(id, requester, Math.min(traceWindowFromSpans, traceReadMaxSpans));
  } catch (error) {
    return error instanceof ApiError && error.status === 404 ? { unknown: true } : { unknown: false, trace: null, logs: null };
  }
  const logs = async () => {
    const answer = await getSource()
      .getTraceLogs(id, { waitMs: 0, requester })
      .catch(() => null);
    return answer && answer.events.length <= INLINE_MAX_LOG_LINES ? answer : null;
  };
  if ("windowed" in found) {
    const { windowed } = found;
    const state = parseViewState(search);
    const view = { query: state.spanQuery, service: state.service, collapsed: new Set<string>() };
    const { spanCount, glance } = found;
    // The outline is not sent with the page: the browser asks for it, and says meanwhile what is happening.
    const later: Prefetched = { unknown: false, windowed: null, spanCount, glance, logs: null };
    if (glance && !found.held && glance.spanCount > NO_WAIT_FROM_SPANS) {
      // Started now, not when the browser asks: its request joins this build.
      windowed.summary().catch(() => {});
      return later;
    }
    try {
      const lines = logs();
      const ready = await answerWithin(
        windowed.summary().then(async (summary) => {
          // An outline laid out before the trace's latest spans arrived answers the plain view only (windowed-trace-view.tsx).
          const shown = summary.partial ? PLAIN_VIEW : view;
          const [page, span] = await Promise.all([
            windowed.rows(shown, 0, ROWS_PAGE),
            state.spanId && !summary.partial ? windowed.locate(shown, state.spanId) : null,
          ]);
          return { summary, rows: { key: viewQueryString(shown), page }, span };
        }),
        OUTLINE_WAIT_MS,
      );
      if (!ready) return later;
      return { unknown: false, windowed: ready, spanCount, glance, logs: await lines };
    } catch (error) {
      // The windowed page asks again from the browser, and says what went wrong.
      return error instanceof ApiError && error.status === 404 ? { unknown: true } : later;
    }
  }
  const { trace } = found;
  if (trace.spans.length > INLINE_MAX_SPANS) return { unknown: false, trace: null, logs: null };
  return { unknown: false, trace, logs: await logs() };
}

export default async function TraceRoute({ params, searchParams }: Props) {
  const raw = decodeURIComponent((await params).id);
  const parsed = parseTraceId(raw);
  if (!parsed.ok) {
    // Answered with HTTP 400 by the proxy (lib/http/page-id.ts).
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Malformed trace ID</h1>
        <p className="mt-2 break-all font-mono text-sm">{raw}</p>
        <p className="mt-4 text-sm">
          {parsed.reason.charAt(0).toUpperCase() + parsed.reason.slice(1)}. Sightline accepts {ACCEPTED_TRACE_ID_FORMS}.
        </p>
      </main>
    );
  }
  if (raw !== parsed.id.hex) {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") query.set(k, v);
    const qs = query.toString();
    redirect(`/trace/${parsed.id.hex}${qs ? `?${qs}` : ""}`);
  }
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(await searchParams)) if (typeof v === "string") search.set(k, v);
  const data = await prefetch(parsed.id, requesterOf(await headers()), search);
  if (data.unknown) notFound();
  const hex = parsed.id.hex;
  const client = new QueryClient();
  if (data.logs) client.setQueryData(queryKeys.traceLogs(hex), data.logs);
  if ("windowed" in data) {
    if (data.windowed) {
      const { summary, rows, span } = data.windowed;
      client.setQueryData(queryKeys.traceOutline(hex), summary);
      client.setQueryData(queryKeys.traceRows(hex, rows.key, 0), rows.page);
      if (span) client.setQueryData(queryKeys.traceSpan(hex, span.span.spanId, rows.key), span);
    }
    return (
      <HydrationBoundary state={dehydrate(client)}>
        <WindowedTracePage traceId={hex} spanCount={data.spanCount} glance={data.glance} wholeReadMaxSpans={config().traceReadMaxSpans} />
      </HydrationBoundary>
    );
  }
  if (data.trace) {
    client.setQueryData(queryKeys.trace(hex), data.trace);
    // The map as this render lays it out (cached here for the next request of the trace), for the
    // browser's cache: its hydrating render then need not run dagre again.
    const graph = buildServiceGraph(data.trace.spans);
    if (laidOutAtOnce(graph)) client.setQueryData(queryKeys.traceMapLayout(hex), layoutSeedOf(graph, FIRST_PAINT_MAP_ASPECT));
  }
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <TracePage traceId={hex} />
    </HydrationBoundary>
  );
}
