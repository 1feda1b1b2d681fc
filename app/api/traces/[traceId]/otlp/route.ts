import { config } from "@/lib/config";
import { otlpFileName, toOtlpJson } from "@/lib/export/otlp-json";
import { ApiError } from "@/lib/http/api-error";
import { traceNotFoundMessage } from "@/lib/http/not-found-message";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { xrayTraceNotFoundMessage } from "@/lib/sources/aws/aws-errors";
import { getSource } from "@/lib/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/** The trace as an OTLP/JSON ExportTraceServiceRequest, as a file download (`POST /v1/traces` takes it back). */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const source = getSource();
  const trace = await source.getTrace(id);
  if (!trace) {
    const message =
      source.kind === "aws" ? xrayTraceNotFoundMessage(id, Date.now()) : traceNotFoundMessage(id, config().retentionMs, Date.now());
    throw new ApiError(404, "trace_not_found", message);
  }
  return new Response(JSON.stringify(toOtlpJson(trace)), {
    status: 200,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${otlpFileName(trace.traceId)}"`,
      "Cache-Control": "no-store",
    },
  });
});
