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

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Traces up to this many spans (and logs up to this many lines) come with the page: server-rendered
 * and handed to the client's query cache, so the first paint needs no request of its own. Larger
 * ones are fetched by the browser as before (their JSON in the page would double what crosses).
 */
const INLINE_MAX_SPANS = 2_000;
const INLINE_MAX_LOG_LINES = 5_000;

type Prefetched = { unknown: true } | { unknown: false; trace: Trace | null; logs: LogsResult | null };

/**
 * The trace (the source caches it: the same read that decides the 404) and, for a small one, the
 * first answer for its logs — what the browser's first GET …/logs would get (on aws: the search
 * started, "running"). An upstream failure is the client page's to show: nothing is prefetched then.
 */
async function prefetch(id: ParsedTraceId, requester: string): Promise<Prefetched> {
  let trace: Trace;
  try {
    trace = await requireTrace(id, requester);
  } catch (error) {
    return error instanceof ApiError && error.status === 404 ? { unknown: true } : { unknown: false, trace: null, logs: null };
  }
  if (trace.spans.length > INLINE_MAX_SPANS) return { unknown: false, trace: null, logs: null };
  const logs = await getSource()
    .getTraceLogs(id, { waitMs: 0, requester })
    .catch(() => null);
  return { unknown: false, trace, logs: logs && logs.events.length <= INLINE_MAX_LOG_LINES ? logs : null };
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
  const data = await prefetch(parsed.id, requesterOf(await headers()));
  if (data.unknown) notFound();
  const client = new QueryClient();
  if (data.trace) client.setQueryData(queryKeys.trace(parsed.id.hex), data.trace);
  if (data.logs) client.setQueryData(queryKeys.traceLogs(parsed.id.hex), data.logs);
  return (
    <HydrationBoundary state={dehydrate(client)}>
      <TracePage traceId={parsed.id.hex} />
    </HydrationBoundary>
  );
}
