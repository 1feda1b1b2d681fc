import Link from "next/link";
import type { SnapshotMeta } from "@/lib/snapshots/snapshot";
import { formatUtc } from "./format-utc";

/** "Snapshot · captured <UTC time> from <source> by <who> · <title>", the note, and the live trace. */
export function SnapshotBanner({ snapshot }: { snapshot: SnapshotMeta }) {
  return (
    <div
      data-testid="snapshot-banner"
      className="border-b border-violet-300 bg-violet-50 px-3 py-1.5 text-xs text-violet-950 dark:border-violet-800 dark:bg-violet-950 dark:text-violet-100"
    >
      <p className="flex flex-wrap items-center gap-x-2">
        <span data-testid="snapshot-banner-text">
          <strong>Snapshot</strong> · captured {formatUtc(snapshot.createdAt)} from {snapshot.source} by {snapshot.capturedBy ?? "unknown"} ·{" "}
          <strong>{snapshot.title}</strong>
        </span>
        <span className="text-violet-800 dark:text-violet-300 max-md:hidden">Read-only: this is the trace as it was saved.</span>
        <Link
          href={`/trace/${snapshot.traceId}`}
          data-testid="snapshot-live-link"
          className="ml-auto underline hover:text-violet-700 dark:hover:text-violet-300 max-md:ml-0 max-md:inline-flex max-md:min-h-10 max-md:items-center"
        >
          Open the live trace
        </Link>
        <Link href="/snapshots" className="underline hover:text-violet-700 dark:hover:text-violet-300 max-md:inline-flex max-md:min-h-10 max-md:items-center">
          All snapshots
        </Link>
      </p>
      {snapshot.note && (
        <p data-testid="snapshot-note-text" className="mt-0.5 whitespace-pre-wrap text-violet-900 dark:text-violet-200">
          {snapshot.note}
        </p>
      )}
    </div>
  );
}
