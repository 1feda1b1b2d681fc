/** The service map's "find a service" box: which names match what was typed. */

const MAX_MATCHES = 8;

/** Matches for `query`: names starting with it first, then names containing it, each alphabetical. */
export function matchServices(names: readonly string[], query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: string[] = [];
  const contains: string[] = [];
  for (const n of names) {
    const l = n.toLowerCase();
    if (l.startsWith(q)) starts.push(n);
    else if (l.includes(q)) contains.push(n);
  }
  const byName = (a: string, b: string) => a.localeCompare(b);
  return [...starts.sort(byName), ...contains.sort(byName)].slice(0, MAX_MATCHES);
}
