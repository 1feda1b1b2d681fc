import { notFound, redirect } from "next/navigation";
import { ApiError } from "@/lib/http/api-error";
import { requireTrace } from "@/lib/http/require-trace";
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId, type ParsedTraceId } from "@/lib/trace-id";
import { TracePage } from "@/components/trace-page/trace-page";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Whether the source has no such trace (404); an upstream failure is the client page's to show. */
async function isUnknown(id: ParsedTraceId): Promise<boolean> {
  try {
    await requireTrace(id);
    return false;
  } catch (error) {
    return error instanceof ApiError && error.status === 404;
  }
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
  // The source caches the answer: the page's own fetch of the trace does not ask again.
  if (await isUnknown(parsed.id)) notFound();
  return <TracePage traceId={parsed.id.hex} />;
}
