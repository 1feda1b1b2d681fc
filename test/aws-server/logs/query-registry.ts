/**
 * Logs Insights queries over time, with no timer: a query's status is a function of the clock.
 * For its first tenth of the run time a query is Scheduled, then Running (partial statistics and
 * the first rows, growing with the elapsed fraction), then Complete, or the status of an injected
 * `queryStatus` fault. StopQuery freezes it as Cancelled with what it had gathered.
 */
import { randomUUID } from "node:crypto";
import type { QueryOutcome, QueryStatistics, ResultField } from "./query-engine";

type QueryStatus = "Scheduled" | "Running" | "Complete" | "Failed" | "Timeout" | "Cancelled";

export interface QueryRun {
  id: string;
  queryString: string;
  logGroups: string[];
  startedAt: number;
  runMs: number;
  ending: "Complete" | "Failed" | "Timeout" | "Cancelled";
  stoppedAt: number | null;
  outcome: QueryOutcome;
}

export interface QueryView {
  status: QueryStatus;
  rows: ResultField[][];
  statistics: QueryStatistics;
}

function scaled(stats: QueryStatistics, fraction: number): QueryStatistics {
  return {
    recordsMatched: Math.floor(stats.recordsMatched * fraction),
    recordsScanned: Math.floor(stats.recordsScanned * fraction),
    bytesScanned: Math.floor(stats.bytesScanned * fraction),
  };
}

function gathered(run: QueryRun, fraction: number): QueryView["rows"] {
  return run.outcome.rows.slice(0, Math.floor(run.outcome.rows.length * fraction));
}

export class QueryRegistry {
  private readonly runs = new Map<string, QueryRun>();

  constructor(private readonly now: () => number) {}

  start(fields: Omit<QueryRun, "id" | "startedAt" | "stoppedAt">): QueryRun {
    const run: QueryRun = { ...fields, id: randomUUID(), startedAt: this.now(), stoppedAt: null };
    this.runs.set(run.id, run);
    return run;
  }

  get(id: string): QueryRun | undefined {
    return this.runs.get(id);
  }

  all(): QueryRun[] {
    return [...this.runs.values()];
  }

  private fractionAt(run: QueryRun, at: number): number {
    if (run.runMs <= 0) return 1;
    return Math.min(1, Math.max(0, (at - run.startedAt) / run.runMs));
  }

  view(run: QueryRun): QueryView {
    const stats = run.outcome.statistics;
    if (run.stoppedAt !== null) {
      const f = this.fractionAt(run, run.stoppedAt);
      return { status: "Cancelled", rows: gathered(run, f), statistics: scaled(stats, f) };
    }
    const f = this.fractionAt(run, this.now());
    if (f < 0.1 && f < 1) return { status: "Scheduled", rows: [], statistics: scaled(stats, 0) };
    if (f < 1) return { status: "Running", rows: gathered(run, f), statistics: scaled(stats, f) };
    switch (run.ending) {
      case "Complete":
        return { status: "Complete", rows: run.outcome.rows, statistics: stats };
      case "Failed":
        return { status: "Failed", rows: [], statistics: stats };
      default:
        return { status: run.ending, rows: run.outcome.rows, statistics: stats };
    }
  }

  isActive(run: QueryRun): boolean {
    const status = this.view(run).status;
    return status === "Scheduled" || status === "Running";
  }

  activeCount(): number {
    return this.all().filter((r) => this.isActive(r)).length;
  }

  /** Stops a Scheduled or Running query; false when it had already ended. */
  stop(run: QueryRun): boolean {
    if (!this.isActive(run)) return false;
    run.stoppedAt = this.now();
    return true;
  }
}
