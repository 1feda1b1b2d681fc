/**
 * How a page's state and its URL's query map onto each other: the page's own pure parse and
 * serialize functions, used by the one URL-state hook (lib/client/use-url-state.ts).
 */
export interface UrlCodec<T> {
  parse(params: URLSearchParams): T;
  serialize(state: T): URLSearchParams;
  /** The parameters this state owns; others in the URL are kept as they are. Absent: the whole query string. */
  keys?: readonly string[];
}

/** The query as Next.js hands it to a server page (`searchParams`), for the parsers that take that form. */
export function paramsRecord(params: URLSearchParams): Record<string, string[]> {
  const raw: Record<string, string[]> = {};
  for (const key of new Set(params.keys())) raw[key] = params.getAll(key);
  return raw;
}
