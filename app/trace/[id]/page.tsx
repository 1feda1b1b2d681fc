import { redirect } from "next/navigation";
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId } from "@/lib/trace-id";
import { TracePage } from "@/components/trace-page/trace-page";

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function TraceRoute({ params, searchParams }: Props) {
  const raw = decodeURIComponent((await params).id);
  const parsed = parseTraceId(raw);
  if (!parsed.ok) {
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Malformed trace ID</h1>
        <p className="mt-2 break-all font-mono text-sm">{raw}</p>
        <p className="mt-4 text-sm">
          {parsed.reason}. Sightline accepts {ACCEPTED_TRACE_ID_FORMS}.
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
  return <TracePage traceId={parsed.id.hex} />;
}
