"use client";

import { type FormEvent, useState } from "react";
import { SPAN_STATUSES } from "@/lib/model";
import { isoToUtcInput, RELATIVE_RANGES, type RelativeRange, searchWindow, type TraceSearchState, utcInputToIso } from "@/lib/trace-search-state";

interface Props {
  /** The search in the URL; the form edits a copy until it is submitted. */
  state: TraceSearchState;
  serviceNames: string[];
  /** The X-Ray filter expression field, for the aws source. */
  aws: boolean;
  onSearch(state: TraceSearchState): void;
  onRefresh(): void;
  refreshing: boolean;
}

const RANGE_LABELS: Record<RelativeRange, string> = { "15m": "Last 15 min", "1h": "Last 1 h", "6h": "Last 6 h", "24h": "Last 24 h" };
const STATUS_LABELS: Record<string, string> = { "": "any", ok: "OK", error: "error 4xx", fault: "fault 5xx", throttle: "throttle 429" };

// On a phone: full width in a two-column grid, tall enough to tap, 16 px text (no zoom on focus).
const input =
  "rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-900 dark:[color-scheme:dark] focus:outline-none focus:ring-2 focus:ring-blue-500 max-md:min-h-10 max-md:w-full max-md:min-w-0 max-md:text-base";
const label = "flex flex-col gap-1 text-xs font-medium text-slate-600 dark:text-slate-400";

export function SearchForm({ state, serviceNames, aws, onSearch, onRefresh, refreshing }: Props) {
  const [draft, setDraft] = useState(state);
  const absolute = draft.from !== null || draft.to !== null;
  const set = (patch: Partial<TraceSearchState>) => setDraft((d) => ({ ...d, ...patch }));

  const chooseRange = (value: string) => {
    if (value !== "absolute") {
      set({ last: value as RelativeRange, from: null, to: null });
      return;
    }
    // Start the absolute window where the relative one is now.
    const window = searchWindow(draft, Date.now());
    const iso = (ms: number) => new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
    set(window ? { from: iso(window.from), to: iso(window.to + 60_000) } : { from: "", to: "" });
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch({ ...draft, attrs: draft.attrs.map((a) => a.trim()).filter(Boolean) });
  };

  return (
    <form onSubmit={submit} data-testid="search-form" className="flex flex-col gap-3 rounded border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex flex-wrap items-end gap-3 max-md:grid max-md:grid-cols-2">
        <label className={label}>
          Time range
          <select className={input} name="range" value={absolute ? "absolute" : draft.last} onChange={(e) => chooseRange(e.target.value)}>
            {(Object.keys(RELATIVE_RANGES) as RelativeRange[]).map((r) => (
              <option key={r} value={r}>
                {RANGE_LABELS[r]}
              </option>
            ))}
            <option value="absolute">Absolute (UTC)…</option>
          </select>
        </label>
        {absolute && (
          <>
            <label className={label}>
              From (UTC)
              <input
                type="datetime-local"
                name="from"
                className={input}
                value={isoToUtcInput(draft.from)}
                onChange={(e) => set({ from: utcInputToIso(e.target.value) })}
              />
            </label>
            <label className={label}>
              To (UTC)
              <input
                type="datetime-local"
                name="to"
                className={input}
                value={isoToUtcInput(draft.to)}
                onChange={(e) => set({ to: utcInputToIso(e.target.value) })}
              />
            </label>
          </>
        )}
        <label className={label}>
          Service
          <input
            name="service"
            className={`${input} w-44`}
            list="trace-search-services"
            placeholder="any"
            value={draft.service}
            onChange={(e) => set({ service: e.target.value })}
          />
          <datalist id="trace-search-services">
            {serviceNames.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
        </label>
        <label className={label}>
          Operation contains
          <input
            name="operation"
            className={`${input} w-44`}
            placeholder="GET /orders"
            value={draft.operation}
            onChange={(e) => set({ operation: e.target.value })}
          />
        </label>
        <label className={label}>
          Min ms
          <input
            name="minDurationMs"
            inputMode="decimal"
            className={`${input} w-24`}
            value={draft.minDurationMs}
            onChange={(e) => set({ minDurationMs: e.target.value.trim() })}
          />
        </label>
        <label className={label}>
          Max ms
          <input
            name="maxDurationMs"
            inputMode="decimal"
            className={`${input} w-24`}
            value={draft.maxDurationMs}
            onChange={(e) => set({ maxDurationMs: e.target.value.trim() })}
          />
        </label>
        <label className={label}>
          Status
          <select name="status" className={input} value={draft.status} onChange={(e) => set({ status: e.target.value })}>
            {["", ...SPAN_STATUSES].map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        {draft.attrs.map((a, i) => (
          <span key={i} className="flex items-end gap-1 max-md:w-full">
            <label className={`${label} max-md:min-w-0 max-md:flex-1`}>
              {aws ? "Annotation key=value" : "Attribute key=value"}
              <input
                name="attr"
                className={`${input} w-56 font-mono`}
                placeholder="http.route=/cart"
                value={a}
                onChange={(e) => set({ attrs: draft.attrs.map((x, j) => (j === i ? e.target.value : x)) })}
              />
            </label>
            <button
              type="button"
              aria-label={`Remove ${a || "attribute filter"}`}
              className="rounded px-1.5 py-1 text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800 max-md:min-h-10 max-md:min-w-10"
              onClick={() => set({ attrs: draft.attrs.filter((_, j) => j !== i) })}
            >
              ×
            </button>
          </span>
        ))}
        <button
          type="button"
          className="rounded px-2 py-1 text-sm text-blue-700 hover:bg-blue-50 dark:text-blue-400 dark:hover:bg-slate-800 max-md:min-h-10"
          onClick={() => set({ attrs: [...draft.attrs, ""] })}
        >
          + {aws ? "annotation" : "attribute"}
        </button>
        {aws && (
          <label className={`${label} min-w-[20rem] flex-1 max-md:w-full max-md:min-w-0`}>
            X-Ray filter expression
            <input
              name="filter"
              className={`${input} font-mono`}
              placeholder='annotation.tenant = "acme" AND http.status = 503'
              value={draft.filter}
              onChange={(e) => set({ filter: e.target.value })}
            />
          </label>
        )}
        <span className="ml-auto flex gap-2">
          <button
            type="button"
            onClick={onRefresh}
            disabled={refreshing}
            className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-50 dark:border-slate-700 dark:hover:bg-slate-800 max-md:min-h-10"
          >
            {refreshing ? "Refreshing…" : "Refresh"}
          </button>
          <button type="submit" className="rounded bg-blue-600 px-4 py-1 text-sm font-medium text-white hover:bg-blue-700 max-md:min-h-10">
            Search
          </button>
        </span>
      </div>
    </form>
  );
}
