import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { jsonRoute } from "@/lib/http/route-handler";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async () => NextResponse.json({ status: "ok", source: config().dataSource }));
