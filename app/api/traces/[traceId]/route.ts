import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { ApiError } from "@/lib/http/api-error";
import { traceNotFoundMessage } from "@/lib/http/not-found-message";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { xrayTraceNotFoundMessage } from "@/lib/sources/aws/aws-errors";
import { getSource } from "@/lib/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const source = getSource();
  const trace = await source.getTrace(id);
  if (!trace) {
    const message =
      source.kind === "aws" ? xrayTraceNotFoundMessage(id, Date.now()) : traceNotFoundMessage(id, config().retentionMs, Date.now());
    throw new ApiError(404, "trace_not_found", message);
  }
  return NextResponse.json({ trace });
});
