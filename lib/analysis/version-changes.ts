/**
 * Deploys seen in the telemetry itself: a service whose reported `service.version` changes.
 * A marker at the first trace that carried a version the service had not reported before, when an
 * earlier trace carried another.
 */
import type { TraceFacets } from "./trace-facets";

export interface VersionChange {
  service: string;
  version: string;
  previous: string;
  /** Epoch milliseconds: the start of the first trace with the new version. */
  at: number;
}

export function versionChanges(traces: readonly TraceFacets[], window: { from: number; to: number }): VersionChange[] {
  const ordered = [...traces].sort((a, b) => a.startTime - b.startTime);
  const current = new Map<string, string>();
  const known = new Map<string, Set<string>>();
  const changes: VersionChange[] = [];
  for (const t of ordered) {
    for (const { service, version } of t.versions) {
      const before = current.get(service);
      let versions = known.get(service);
      if (!versions) known.set(service, (versions = new Set()));
      if (before !== undefined && before !== version && !versions.has(version) && t.startTime >= window.from && t.startTime < window.to) {
        changes.push({ service, version, previous: before, at: t.startTime });
      }
      versions.add(version);
      current.set(service, version);
    }
  }
  return changes;
}
