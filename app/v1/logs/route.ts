import { handleOtlpExport } from "@/lib/ingest/handle-otlp";

export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleOtlpExport(request, "logs");
