import type { Metadata } from "next";
import { MapPageView } from "@/components/map-page/map-page-view";
import { parseMapParams } from "@/lib/map-params";

export const metadata: Metadata = { title: "Service map · Sightline" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MapRoute({ searchParams }: Props) {
  const parsed = parseMapParams(await searchParams);
  if (!parsed.ok) {
    return (
      <main className="mx-auto max-w-2xl p-8" data-testid="map-error">
        <h1 className="text-lg font-semibold text-red-700 dark:text-red-400">This map link cannot be shown</h1>
        <ul className="mt-3 list-disc space-y-1 pl-5 text-sm">
          {parsed.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <p className="mt-4 text-sm">
          /map accepts <code>range</code> (15m, 1h, 6h or 24h; 1h when absent) or <code>from</code> and <code>to</code> (epoch milliseconds or ISO-8601, at most
          24 h apart), and optionally <code>service</code> or <code>caller</code> with <code>callee</code>.
        </p>
      </main>
    );
  }
  // The view reads its state from the URL itself (selecting a node or a window is no round trip).
  return <MapPageView initialNow={Date.now()} />;
}
