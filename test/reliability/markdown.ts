/** RELIABILITY.md from the suites' reports: the summary tallies, then each suite's figures and checks. */
import { fmt, type SavedReport, type SuiteReport, type Tally } from "./report";

const TALLY_KEYS: (keyof Tally)[] = ["requestsTried", "rejectedCorrectly", "faultsInjected", "faultsSurvived", "loadServed", "requestsUnderLoad", "dataLost"];

export function sumTallies(reports: readonly SuiteReport[]): Tally {
  const total = Object.fromEntries(TALLY_KEYS.map((k) => [k, 0])) as unknown as Tally;
  for (const r of reports) for (const k of TALLY_KEYS) total[k] += r.tally?.[k] ?? 0;
  return total;
}

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function renderReliabilityMarkdown(reports: readonly SavedReport[], run: { command: string; machine: string }): string {
  const t = sumTallies(reports);
  const checks = reports.flatMap((r) => r.checks);
  const failed = checks.filter((c) => !c.ok).length;
  const lines: string[] = [
    "# Reliability",
    "",
    `Written by \`${run.command}\` (${run.machine}), loopback only; each section says when and at which commit its suite ran. ` +
      "Do not edit by hand: run the command again (`-- --only <suite>` runs one suite and rewrites this page). The fast suites also run in `npm test`.",
    "",
    "| | |",
    "| --- | --- |",
    `| Requests tried (hostile input) | ${fmt(t.requestsTried)} |`,
    `| Rejected correctly (4xx with a message, no upstream call) | ${fmt(t.rejectedCorrectly)} |`,
    `| Upstream faults injected / survived | ${fmt(t.faultsInjected)} / ${fmt(t.faultsSurvived)} |`,
    `| Requests under load / served without error | ${fmt(t.requestsUnderLoad)} / ${fmt(t.loadServed)} |`,
    `| Acknowledged data lost | ${fmt(t.dataLost)} |`,
    `| Checks held / failed | ${fmt(checks.length - failed)} / ${fmt(failed)} |`,
    "",
  ];
  for (const r of reports) {
    lines.push(`## ${r.title}`, "");
    if (r.method) lines.push(r.method, "");
    if (r.figures.length) {
      lines.push("| Figure | Value |", "| --- | --- |");
      for (const f of r.figures) lines.push(`| ${cell(f.label)} | ${cell(f.value)} |`);
      lines.push("");
    }
    for (const c of r.checks) lines.push(`- ${c.ok ? "✅" : "❌"} ${c.name}${c.detail ? ` — ${c.detail.split("\n")[0]}` : ""}`);
    lines.push("", `Ran ${r.ranAt.slice(0, 16).replace("T", " ")} UTC at ${r.commit}, in ${(r.durationMs / 1000).toFixed(1)} s.`, "");
  }
  return lines.join("\n");
}
