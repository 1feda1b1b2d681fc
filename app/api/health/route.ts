import { NextResponse } from "next/server";
import { config } from "@/lib/config";
import { jsonRoute } from "@/lib/http/route-handler";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = jsonRoute(async () => NextResponse.json({ status: "ok", source: config().dataSource }));

const notAllowed = methodNotAllowed("GET");
export { notAllowed as POST, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
