/**
 * The verdict on `npm audit --omit=dev --json` (scripts/audit/run.ts), pure for its tests.
 *
 * - pass: no high or critical advisory in the production dependencies, or each one is on the
 *   reviewed allow-list (audit-allowlist.json) with its reason;
 * - fail: an advisory of high or critical severity that is not allowed, or an allow-list entry
 *   without a reason or past its `expires` date;
 * - unavailable: npm produced no advisory report (registry unreachable, DNS, timeout, or an audit
 *   endpoint the registry mirror does not serve). That is not an advisory: it is reported loudly
 *   but does not fail the test command, unless AUDIT_STRICT=1 (then it fails). Lockfile integrity
 *   is checked by `npm ci` either way.
 */
export interface AllowEntry {
  /** The advisory: GHSA-xxxx-xxxx-xxxx (or the npm advisory number). */
  id: string;
  package: string;
  /** Why it does not apply to Sightline: required, reviewed. */
  reason: string;
  /** YYYY-MM-DD: review again by then (the entry stops counting after it). */
  expires?: string;
}

interface Finding {
  id: string;
  package: string;
  severity: string;
  title: string;
  url: string;
}

export type AuditVerdict =
  | { verdict: "pass"; findings: Finding[]; allowed: Finding[]; stale: AllowEntry[] }
  | { verdict: "fail"; findings: Finding[]; allowed: Finding[]; stale: AllowEntry[]; problems: string[] }
  | { verdict: "unavailable"; reason: string };

const SERIOUS = new Set(["high", "critical"]);

interface Via {
  source?: number | string;
  name?: string;
  title?: string;
  url?: string;
  severity?: string;
}

/** The advisory's GHSA ID from its URL, else its npm source number. */
function advisoryId(via: Via): string {
  const m = /GHSA-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}/i.exec(via.url ?? "");
  return m ? m[0] : String(via.source ?? via.url ?? via.title ?? "unknown");
}

export function evaluateAudit(report: unknown, allowList: readonly AllowEntry[], today: string): AuditVerdict {
  const r = report as {
    vulnerabilities?: Record<string, { via?: (Via | string)[] }>;
    error?: { code?: string; summary?: string };
    message?: string;
    statusCode?: number;
  } | null;
  if (!r || typeof r !== "object" || typeof r.vulnerabilities !== "object" || r.vulnerabilities === null) {
    const why = r?.message ?? r?.error?.summary ?? r?.error?.code ?? (r?.statusCode ? `HTTP ${r.statusCode}` : "no advisory report in npm's output");
    return { verdict: "unavailable", reason: String(why).slice(0, 300) };
  }
  const problems: string[] = [];
  for (const e of allowList) {
    if (!e.reason || e.reason.trim().length < 10) problems.push(`audit-allowlist.json: ${e.id} has no reason (say why it does not apply)`);
    if (e.expires && e.expires < today) problems.push(`audit-allowlist.json: ${e.id} expired on ${e.expires}: review it again`);
  }
  const valid = allowList.filter((e) => e.reason && e.reason.trim().length >= 10 && !(e.expires && e.expires < today));
  const seen = new Map<string, Finding>();
  for (const [pkg, v] of Object.entries(r.vulnerabilities)) {
    for (const via of v.via ?? []) {
      if (typeof via === "string") continue; // a dependency path; the advisory is listed under that package
      const severity = (via.severity ?? "").toLowerCase();
      if (!SERIOUS.has(severity)) continue;
      const id = advisoryId(via);
      const key = `${id} ${via.name ?? pkg}`;
      if (!seen.has(key)) seen.set(key, { id, package: via.name ?? pkg, severity, title: via.title ?? "", url: via.url ?? "" });
    }
  }
  const findings = [...seen.values()];
  const isAllowed = (f: Finding) => valid.some((e) => e.id.toLowerCase() === f.id.toLowerCase() && (e.package === f.package || e.package === "*"));
  const allowed = findings.filter(isAllowed);
  const open = findings.filter((f) => !isAllowed(f));
  const stale = allowList.filter((e) => !findings.some((f) => f.id.toLowerCase() === e.id.toLowerCase()));
  for (const f of open) problems.push(`${f.severity} ${f.id} in ${f.package}: ${f.title} ${f.url}`.trim());
  return problems.length ? { verdict: "fail", findings, allowed, stale, problems } : { verdict: "pass", findings, allowed, stale };
}
