import { headers } from "next/headers";
import { PATH_HEADER, pageId } from "@/lib/http/page-id";
import { getSource } from "@/lib/sources";
import { parseTraceId } from "@/lib/trace-id";

/** /trace/{id} for a trace the source does not have: HTTP 404, and what was searched. */
export default async function TraceNotFound() {
  const found = pageId((await headers()).get(PATH_HEADER) ?? "");
  const parsed = found ? parseTraceId(found.id) : null;
  // The source's own words, without reading the trace again: Next.js renders this boundary with
  // every trace page, and a second read of a million-span trace costs as much as the first.
  const message = parsed?.ok ? getSource().traceNotFoundMessage(parsed.id, Date.now()) : "No trace has this ID in the configured source.";
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Trace not found</h1>
      {parsed?.ok && <p className="mt-2 font-mono text-sm">{parsed.id.hex}</p>}
      <p className="mt-4 text-sm">{message}</p>
    </main>
  );
}
