import type { Metadata } from "next";
import { Suspense } from "react";
import { TraceSearchPage } from "@/components/trace-search/trace-search-page";

export const metadata: Metadata = { title: "Trace search · Sightline" };

export default function TracesRoute() {
  return (
    <Suspense fallback={<p className="p-4 text-sm text-slate-500">Loading trace search…</p>}>
      <TraceSearchPage />
    </Suspense>
  );
}
