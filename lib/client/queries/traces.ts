/** GET /api/traces?…: trace summaries; the recent list, the search and the incident page's lists each ask it with their own query. */
import { fetchJson } from "@/lib/client/fetch-json";
import type { TraceSummary } from "@/lib/model";

export const fetchTraces = (query: string) => fetchJson<{ traces: TraceSummary[] }>(`/api/traces?${query}`);

/** `from=…&to=…`, as every windowed endpoint takes it. */
export const windowQuery = (w: { from: number; to: number }) => `from=${w.from}&to=${w.to}`;
