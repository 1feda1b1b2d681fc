import { describe, expect, it } from "vitest";
import { evaluateAudit } from "./evaluate";

const TODAY = "2026-12-05";
const report = (vulns: Record<string, { via: unknown[] }>) => ({ auditReportVersion: 2, vulnerabilities: vulns, metadata: {} });
const advisory = (name: string, severity: string, ghsa = "GHSA-abcd-efgh-ijkl") => ({
  source: 1100,
  name,
  title: `${name} is bad`,
  url: `https://github.com/advisories/${ghsa}`,
  severity,
  range: "<2",
});

describe("evaluateAudit", () => {
  it("passes with no advisories, or only moderate and low ones", () => {
    expect(evaluateAudit(report({}), [], TODAY).verdict).toBe("pass");
    expect(evaluateAudit(report({ a: { via: [advisory("a", "moderate"), advisory("a", "low")] } }), [], TODAY).verdict).toBe("pass");
  });

  it("fails on a high or critical advisory, naming it", () => {
    const v = evaluateAudit(report({ next: { via: [advisory("next", "critical")] }, b: { via: ["next"] } }), [], TODAY);
    expect(v.verdict).toBe("fail");
    if (v.verdict === "fail")
      expect(v.problems).toEqual(["critical GHSA-abcd-efgh-ijkl in next: next is bad https://github.com/advisories/GHSA-abcd-efgh-ijkl"]);
  });

  it("honours a reviewed allow-list entry with its reason, but not one without a reason or past its date", () => {
    const vulns = report({ next: { via: [advisory("next", "high")] } });
    const entry = { id: "GHSA-abcd-efgh-ijkl", package: "next", reason: "Only affects next/image's optimizer, which Sightline turns off." };
    expect(evaluateAudit(vulns, [entry], TODAY)).toMatchObject({ verdict: "pass", allowed: [{ id: "GHSA-abcd-efgh-ijkl" }] });
    expect(evaluateAudit(vulns, [{ ...entry, reason: "" }], TODAY).verdict).toBe("fail");
    expect(evaluateAudit(vulns, [{ ...entry, expires: "2026-12-01" }], TODAY).verdict).toBe("fail");
    expect(evaluateAudit(vulns, [{ ...entry, package: "other" }], TODAY).verdict).toBe("fail");
  });

  it("lists allow-list entries that no longer match anything as stale", () => {
    const entry = { id: "GHSA-zzzz-zzzz-zzzz", package: "x", reason: "A reviewed reason that is long enough." };
    expect(evaluateAudit(report({}), [entry], TODAY)).toMatchObject({ verdict: "pass", stale: [entry] });
  });

  it("an unreachable registry or an audit endpoint the mirror does not serve is 'unavailable', not an advisory", () => {
    expect(
      evaluateAudit({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 }, [], TODAY),
    ).toMatchObject({ verdict: "unavailable", reason: expect.stringContaining("405") });
    expect(
      evaluateAudit({ error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND" } }, [], TODAY),
    ).toMatchObject({ verdict: "unavailable" });
    expect(evaluateAudit(null, [], TODAY).verdict).toBe("unavailable");
  });
});
