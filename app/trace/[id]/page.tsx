import { Suspense } from "react";
import { notFound, redirect } from "next/navigation";
import { headers } from "next/headers";
import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import { requesterOf } from "@/lib/auth/identity-headers";
import { queryKeys } from "@/lib/client/queries/keys";
import { ApiError } from "@/lib/http/api-error";
import { requireTrace } from "@/lib/http/require-trace";
import type { LogsResult, Trace } from "@/lib/model";
import { getSource } from "@/lib/sources";
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId, type ParsedTraceId } from "@/lib/trace-id";
import { TracePage } from "@/components/trace-page/trace-page";
import { TracePageShell } from "@/components/trace-page/trace-page-shell";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Traces up to this many spans (and logs up to this many lines) come with the page: server-rendered
 * and handed to the client's query cache, so the first paint needs no request of its own. Larger
 * ones are fetched by the browser as before (their JSON in the page would double what crosses).
 */
const INLINE_MAX_SPANS = 2_000;
const INLINE_MAX_LOG_LINES = 5_000;

/**
 * How long the boundary's content waits so that the shell is written first. React renders the
 * content as soon as its data is there, synchronously, and Next.js writes what React produced on a
 * later turn of the event loop: content that resolved in the same turn (a local trace's logs do)
 * would be rendered before the shell left, and both would leave together after the whole render.
 * A timer lets the shell's write go first (setImmediate and setTimeout 0 do not: measured with
 * bench/ui-cold-profile.ts, the first bytes left after the whole render, 120–300 ms, instead of
 * 20–55 ms). It runs alongside the logs read, and delays the rows by at most this much, against the 100–300 ms the shell now leaves earlier.
 */
const SHELL_FLUSH_MS = 15;
const shellFlushed = () => new Promise<void>((resolve) => setTimeout(resolve, SHELL_FLUSH_MS));

type Found = { unknown: true } | { unknown: false; trace: Trace | null };

/**
 * The trace (the source caches it: the same read that decides the 404). An upstream failure is the
 * client page's to show: nothing is prefetched then, and a larger trace is fetched by the browser.
 */
async function readTrace(id: ParsedTraceId, requester: string): Promise<Found> {
  try {
    const trace = await requireTrace(id, requester);
    return { unknown: false, trace: trace.spans.length > INLINE_MAX_SPANS ? null : trace };
  } catch (error) {
    return error instanceof ApiError && error.status === 404 ? { unknown: true } : { unknown: false, trace: null };
  }
}

/**
 * What the suspense boundary waits for: a small trace's first logs answer — what the browser's first
 * GET …/logs would get (on aws: the search started, "running") — and the page rendered with both in
 * the client's query cache. The page's shell has left by then (TracePageShell), so the browser loads
 * the styles and scripts while this renders the rows and lays the map out.
 */
async function PrefetchedTracePage({ id, trace, requester }: { id: ParsedTraceId; trace: Trace | null; requester: string }) {
  // A large trace (not prefetched) renders nothing heavy here: the browser fetches it.
  const [logs]: [LogsResult | null, void] = trace
    ? await Promise.all([
        getSource()
          .getTraceLogs(id, { waitMs: 0, requester })
          .catch(() => null),
        shellFlushed(),
      ])
    : [null, undefined];
  const client = new QueryClient();
  if (trace) client.setQueryData(queryKeys.trace(id.hex), trace);
  if (logs && logs.events.length <= INLINE_MAX_LOG_LINES) client.setQueryData(queryKeys.traceLogs(id.hex), logs);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <TracePage traceId={id.hex} />
    </HydrationBoundary>
  );
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
  const requester = requesterOf(await headers());
  // Read before anything is sent: an unknown trace is a 404, which a streamed answer could no longer say.
  const found = await readTrace(parsed.id, requester);
  if (found.unknown) notFound();
  // The header and the panels' frames leave at once (and with them the page's styles and scripts);
  // the rows follow in the same response once rendered.
  return (
    <Suspense fallback={<TracePageShell traceId={parsed.id.hex} />}>
      <PrefetchedTracePage id={parsed.id} trace={found.trace} requester={requester} />
    </Suspense>
  );
}
