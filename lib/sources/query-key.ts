/**
 * The cache and coalescing key of a trace query: every field of it, so two searches that differ
 * in anything (operation, a duration bound, an attribute filter, a raw filter expression…) never
 * share an answer. Keys are sorted and undefined fields dropped, so the same query written in two
 * orders is one key; attribute filters are ANDed, so their order is not part of the key either.
 */
export function traceQueryKey(query: object): string {
  return JSON.stringify(canonical(query));
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, k === "attributes" && Array.isArray(v) ? sortedFilters(v) : canonical(v)]);
  return Object.fromEntries(entries);
}

function sortedFilters(filters: unknown[]): unknown[] {
  const keyed = filters.map((f) => [JSON.stringify(canonical(f)), canonical(f)] as const);
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, f]) => f);
}
