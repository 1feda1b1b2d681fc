import { NextResponse } from "next/server";
import { ApiError } from "@/lib/http/api-error";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { getSource } from "@/lib/sources";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

/**
 * The trace in the AWS console, and its logs query in Logs Insights with the log groups and the
 * time window prefilled; the query text too, for "Copy Logs Insights query" (Source.consoleLinks).
 * 404 `not_available` when the source has no console.
 */
export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const source = getSource();
  if (!source.consoleLinks) {
    throw new ApiError(404, "not_available", "AWS console links exist only when Sightline reads from AWS (DATA_SOURCE=aws).");
  }
  return NextResponse.json(await source.consoleLinks(id));
});

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
