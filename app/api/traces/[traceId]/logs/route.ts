import { NextResponse } from "next/server";
import { jsonRoute } from "@/lib/http/route-handler";
import { traceIdParam } from "@/lib/http/trace-id-param";
import { awsSource, getSource } from "@/lib/sources";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ traceId: string }> };

export const GET = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  return NextResponse.json(await getSource().getTraceLogs(id));
});

/** Cancels a running Logs Insights search for the trace (aws source); the local store has none. */
export const DELETE = jsonRoute(async (_request: Request, { params }: Context) => {
  const id = traceIdParam((await params).traceId);
  const aws = awsSource();
  const cancelled = aws ? await aws.cancelTraceLogs(id) : false;
  return NextResponse.json({ cancelled });
});
