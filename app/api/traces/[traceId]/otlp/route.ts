import { otlpFileName, toOtlpJson } from "@/lib/export/otlp-json";
import { jsonRoute } from "@/lib/http/route-handler";
import { requireTrace } from "@/lib/http/require-trace";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** The trace as an OTLP/JSON ExportTraceServiceRequest, as a file download (`POST /v1/traces` takes it back). */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const trace = await requireTrace(traceIdParam((await params).traceId));
  return new Response(JSON.stringify(toOtlpJson(trace)), {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${otlpFileName(trace.traceId)}"`,
      "Cache-Control": "no-store",
    },
  });
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
