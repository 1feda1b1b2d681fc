/**
 * "What is different": which attribute values the failing (or slow) traces of an incident window
 * carry far more often than the others. Like Honeycomb's BubbleUp: for every `key=value`, the share
 * of selected traces that have it against the share of baseline traces that have it; the values
 * with the largest lead are the candidate causes. Keys that only restate the failure (status codes,
 * error flags, exception fields) are listed apart, as symptoms.
 */
import { percentileSorted } from "./percentile";
import type { TraceFacets } from "./trace-facets";

export type DivergenceMode = "failing" | "slow";

export interface DivergenceRow {
  key: string;
  value: string;
  /** Share of the selected traces with this value, 0–1. */
  selected: number;
  /** Share of the baseline traces with it, 0–1. */
  baseline: number;
  selectedCount: number;
  baselineCount: number;
  /** selected − baseline. */
  lead: number;
}

export interface Divergence {
  mode: DivergenceMode;
  /** Traces compared: the selection, and everything else (the window's other traces and the baseline period's). */
  selectedTraces: number;
  baselineTraces: number;
  /** slow mode: the duration a selected trace exceeds (the baseline period's p95). */
  slowThresholdMs: number | null;
  causes: DivergenceRow[];
  symptoms: DivergenceRow[];
}

/** Keys that describe the failure itself rather than a possible cause of it. */
const SYMPTOM_KEY = /(^|[._])(status|status_code|statuscode|error|errors|exception|fault|throttle|cause|rootcause)([._]|$)|^otel\.|^exception\.|^error\./i;

export function isSymptomKey(key: string): boolean {
  return SYMPTOM_KEY.test(key);
}

/** A key with more distinct values than this share of the traces carrying it is an identifier. */
const IDENTIFIER_SHARE = 0.5;
/** Fewer distinct values than this are never treated as identifiers. */
const MIN_IDENTIFIER_VALUES = 12;
const MAX_ROWS = 25;

const isFailing = (t: TraceFacets) => t.status !== "ok";

/**
 * `window`: the traces of the incident window; `before`: those of the baseline period.
 * failing: the window's failing traces against the rest; slow: those over the baseline's p95.
 */
export function attributeDivergence(window: readonly TraceFacets[], before: readonly TraceFacets[], mode: DivergenceMode): Divergence {
  let slowThresholdMs: number | null = null;
  let select: (t: TraceFacets) => boolean = isFailing;
  if (mode === "slow") {
    const reference = (before.length >= 20 ? before : [...before, ...window]).map((t) => t.durationMs).sort((a, b) => a - b);
    slowThresholdMs = reference.length ? percentileSorted(reference, 95) : 0;
    const threshold = slowThresholdMs;
    select = (t) => t.durationMs > threshold;
  }
  const selected = window.filter(select);
  const rest = [...window.filter((t) => !select(t)), ...before];

  const counts = new Map<string, { key: string; value: string; selected: number; baseline: number }>();
  const valuesPerKey = new Map<string, Set<string>>();
  const tracesPerKey = new Map<string, number>();
  const tally = (traces: readonly TraceFacets[], side: "selected" | "baseline") => {
    for (const t of traces) {
      const keys = new Set<string>();
      for (const [key, value] of t.facets) {
        const id = `${key}\u0000${value}`;
        let c = counts.get(id);
        if (!c) counts.set(id, (c = { key, value, selected: 0, baseline: 0 }));
        c[side] += 1;
        let values = valuesPerKey.get(key);
        if (!values) valuesPerKey.set(key, (values = new Set()));
        values.add(value);
        keys.add(key);
      }
      for (const key of keys) tracesPerKey.set(key, (tracesPerKey.get(key) ?? 0) + 1);
    }
  };
  tally(selected, "selected");
  tally(rest, "baseline");

  const isIdentifier = (key: string) => {
    const distinct = valuesPerKey.get(key)?.size ?? 0;
    return distinct >= MIN_IDENTIFIER_VALUES && distinct > IDENTIFIER_SHARE * (tracesPerKey.get(key) ?? 0);
  };

  const rows: DivergenceRow[] = [];
  for (const c of counts.values()) {
    if (c.selected < 2 || isIdentifier(c.key)) continue;
    const s = selected.length ? c.selected / selected.length : 0;
    const b = rest.length ? c.baseline / rest.length : 0;
    if (s - b <= 0) continue;
    rows.push({ key: c.key, value: c.value, selected: s, baseline: b, selectedCount: c.selected, baselineCount: c.baseline, lead: s - b });
  }
  rows.sort((a, b) => b.lead - a.lead || b.selectedCount - a.selectedCount || a.key.localeCompare(b.key) || a.value.localeCompare(b.value));
  return {
    mode,
    selectedTraces: selected.length,
    baselineTraces: rest.length,
    slowThresholdMs,
    causes: rows.filter((r) => !isSymptomKey(r.key)).slice(0, MAX_ROWS),
    symptoms: rows.filter((r) => isSymptomKey(r.key)).slice(0, MAX_ROWS),
  };
}
