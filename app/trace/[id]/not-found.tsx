import { headers } from "next/headers";
import { ApiError } from "@/lib/http/api-error";
import { PATH_HEADER, pageId } from "@/lib/http/page-id";
import { requireTrace } from "@/lib/http/require-trace";
import { parseTraceId } from "@/lib/trace-id";

/** /trace/{id} for a trace the source does not have: HTTP 404, and what was searched. */
export default async function TraceNotFound() {
  const found = pageId((await headers()).get(PATH_HEADER) ?? "");
  const parsed = found ? parseTraceId(found.id) : null;
  let message = "No trace has this ID in the configured source.";
  if (parsed?.ok) {
    try {
      await requireTrace(parsed.id);
    } catch (error) {
      if (error instanceof ApiError) message = error.message;
    }
  }
  return (
    <main className="mx-auto max-w-2xl p-8" data-testid="trace-error">
      <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">Trace not found</h1>
      {parsed?.ok && <p className="mt-2 font-mono text-sm">{parsed.id.hex}</p>}
      <p className="mt-4 text-sm">{message}</p>
    </main>
  );
}
