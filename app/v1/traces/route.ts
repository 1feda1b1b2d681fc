import { handleOtlpExport } from "@/lib/ingest/handle-otlp";
import { methodNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleOtlpExport(request, "traces");

const notAllowed = methodNotAllowed("POST");
export { notAllowed as GET, notAllowed as PUT, notAllowed as PATCH, notAllowed as DELETE };
