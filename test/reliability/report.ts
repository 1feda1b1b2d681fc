/** What a reliability suite returns: checks that pass or fail, and figures for RELIABILITY.md. */
export interface Check {
  /** One sentence naming what held, e.g. "no 5xx among 10,000 requests". */
  name: string;
  ok: boolean;
  /** On failure, what went wrong (first examples); on success, optional evidence. */
  detail?: string;
}

export interface Figure {
  label: string;
  value: string;
}

export interface SuiteReport {
  /** Short id: fuzz, faults, load, ingest-while-reading, crash, disk, soak. */
  suite: string;
  title: string;
  durationMs: number;
  checks: Check[];
  figures: Figure[];
  /** How the suite ran (ports, counts, settings), in a sentence or two. */
  method?: string;
  /** The headline tallies of RELIABILITY.md's summary. */
  tally?: Partial<Tally>;
}

/** A suite's report as saved after its run (reports/reliability/<suite>.json). */
export interface SavedReport extends SuiteReport {
  ranAt: string;
  /** Short commit, with "+changes" when the tree had uncommitted changes. */
  commit: string;
}

export interface Tally {
  requestsTried: number;
  rejectedCorrectly: number;
  faultsInjected: number;
  faultsSurvived: number;
  /** Requests served under load without error, of requestsUnderLoad. */
  loadServed: number;
  requestsUnderLoad: number;
  /** Acknowledged spans or log records missing afterwards: must be zero. */
  dataLost: number;
}

export const check = (name: string, ok: boolean, detail?: string): Check => (detail === undefined ? { name, ok } : { name, ok, detail });

export const fmt = (n: number) => n.toLocaleString("en-US");
