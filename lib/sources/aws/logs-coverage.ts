/**
 * What a trace's logs queries have covered so far (per log group, windows of whole epoch
 * seconds, both ends inclusive, as StartQuery takes them), and which queries are still needed
 * to cover some groups over some window: the logs query starts from the ID's epoch second before
 * the trace arrives; the trace's real window then adds only its missing parts, and the groups
 * the trace names add the whole window.
 */
import { chunkLogGroups } from "./log-groups";
import type { QueryWindow } from "./logs-query";

export interface PlannedQuery {
  groups: string[];
  window: QueryWindow;
}

/** The parts of `window` that no interval of `covered` contains. */
export function uncovered(covered: readonly QueryWindow[], window: QueryWindow): QueryWindow[] {
  let gaps: QueryWindow[] = window.startTime <= window.endTime ? [window] : [];
  for (const c of covered) {
    gaps = gaps.flatMap((gap) => {
      if (c.endTime < gap.startTime || c.startTime > gap.endTime) return [gap];
      const parts: QueryWindow[] = [];
      if (c.startTime > gap.startTime) parts.push({ startTime: gap.startTime, endTime: c.startTime - 1 });
      if (c.endTime < gap.endTime) parts.push({ startTime: c.endTime + 1, endTime: gap.endTime });
      return parts;
    });
  }
  return gaps;
}

export class LogsCoverage {
  private readonly byGroup = new Map<string, QueryWindow[]>();

  /**
   * The queries that cover `groups` over `window`, given what is covered already, recorded as
   * covered. Groups with the same gaps share queries, at most `maxGroupsPerQuery` groups each.
   */
  plan(groups: readonly string[], window: QueryWindow, maxGroupsPerQuery: number): PlannedQuery[] {
    const byGap = new Map<string, { window: QueryWindow; groups: string[] }>();
    for (const group of new Set(groups)) {
      const covered = this.byGroup.get(group) ?? [];
      for (const gap of uncovered(covered, window)) {
        const key = `${gap.startTime}-${gap.endTime}`;
        const entry = byGap.get(key) ?? { window: gap, groups: [] };
        entry.groups.push(group);
        byGap.set(key, entry);
      }
      this.byGroup.set(group, [...covered, window]);
    }
    return [...byGap.values()].flatMap(({ window: gap, groups: gapGroups }) =>
      chunkLogGroups(gapGroups, maxGroupsPerQuery).map((chunk) => ({ groups: chunk, window: gap })),
    );
  }
}
