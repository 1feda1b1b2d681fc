/** The parameters of /compare: two trace IDs, `a` and `b`, in any accepted form. */
import { ACCEPTED_TRACE_ID_FORMS, parseTraceId } from "./trace-id";
import { paramsRecord, type UrlCodec } from "./url-codec";

export type CompareParamsResult = { ok: true; a: string; b: string } | { ok: false; problems: string[] };

type Raw = Record<string, string | string[] | undefined>;

export function parseCompareParams(raw: Raw): CompareParamsResult {
  const problems: string[] = [];
  const [a, b] = (["a", "b"] as const).map((name) => {
    const value = raw[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (typeof text !== "string" || text === "") {
      problems.push(`${name}: a trace ID is required (/compare?a={id}&b={id})`);
      return null;
    }
    const parsed = parseTraceId(text);
    if (!parsed.ok) problems.push(`${name}: ${parsed.reason}. Accepted: ${ACCEPTED_TRACE_ID_FORMS}`);
    return parsed.ok ? parsed.id.hex : null;
  });
  return problems.length > 0 || !a || !b ? { ok: false, problems } : { ok: true, a, b };
}

function compareQuery(a: string, b: string): URLSearchParams {
  return new URLSearchParams({ a, b });
}

export function compareHref(a: string, b: string): string {
  return `/compare?${compareQuery(a, b).toString()}`;
}

export const compareUrl: UrlCodec<CompareParamsResult> = {
  parse: (params) => parseCompareParams(paramsRecord(params)),
  serialize: (result) => (result.ok ? compareQuery(result.a, result.b) : new URLSearchParams()),
};
