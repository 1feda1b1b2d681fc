import type { VersionChange } from "@/lib/analysis/version-changes";
import { formatUtcTime } from "@/lib/format";

/** The deploys seen in the window's telemetry (a service reporting a new service.version), in words. */
export function VersionChanges({ changes }: { changes: readonly VersionChange[] }) {
  if (changes.length === 0) return null;
  return (
    <p className="text-xs text-cyan-800 dark:text-cyan-300" data-testid="version-changes">
      Deploys seen in the telemetry:{" "}
      {changes.map((c, i) => (
        <span key={`${c.service}/${c.version}`} data-testid="version-change" data-service={c.service} data-version={c.version}>
          {i > 0 && " · "}
          {c.service} {c.previous} → <strong>{c.version}</strong> at {formatUtcTime(c.at).slice(0, 8)} UTC
        </span>
      ))}
    </p>
  );
}
