/**
 * npm run test:reliability — every suite in test/reliability/suites/, then RELIABILITY.md.
 * `--fast`: only the suites marked fast (the README's test command runs these).
 * `--only fuzz,faults`: those suites; RELIABILITY.md is written again when every other suite has
 * a saved report (each section says when and at which commit its suite ran).
 * Each suite's report is saved in reports/reliability/<suite>.json; reports/reliability.json has
 * one entry per check of this run (read by scripts/test-summary.mjs). Exit 1 when a check failed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { renderReliabilityMarkdown } from "./markdown";
import { killDescendants } from "./process-tree";
import type { SavedReport, SuiteReport } from "./report";
import type { Suite } from "./suite";

const ROOT = path.resolve(__dirname, "../..");

function parseArgs(argv: readonly string[]): { fast: boolean; only: string[] | null } {
  const fast = argv.includes("--fast");
  const i = argv.indexOf("--only");
  const only = i >= 0 && argv[i + 1] ? argv[i + 1].split(",").map((s) => s.trim()) : null;
  return { fast, only };
}

async function loadSuites(): Promise<Suite[]> {
  const dir = path.join(__dirname, "suites");
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const suites: Suite[] = [];
  for (const f of files) {
    const mod = (await import(path.join(dir, f))) as { default?: Suite };
    if (!mod.default) throw new Error(`test/reliability/suites/${f} has no default export`);
    suites.push(mod.default);
  }
  return suites.sort((a, b) => a.order - b.order);
}

async function runBounded(suite: Suite): Promise<SuiteReport> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const timeout = new Promise<SuiteReport>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve({
        suite: suite.id,
        title: suite.id,
        durationMs: Date.now() - started,
        checks: [{ name: `${suite.id} finished within ${suite.timeoutMs / 1000} s`, ok: false }],
        figures: [],
      });
    }, suite.timeoutMs);
  });
  try {
    const report = await Promise.race([suite.run(), timeout]);
    // A suite past its limit is abandoned mid-way: stop what it started, or its servers outlive the run.
    if (timedOut) {
      const killed = killDescendants(process.pid);
      if (killed) console.log(`  (stopped ${killed} process(es) the abandoned suite had started)`);
    }
    return report;
  } catch (err) {
    return {
      suite: suite.id,
      title: suite.id,
      durationMs: Date.now() - started,
      checks: [{ name: `${suite.id} ran to the end`, ok: false, detail: err instanceof Error ? (err.stack ?? err.message) : String(err) }],
      figures: [],
    };
  } finally {
    clearTimeout(timer);
  }
}

const SAVED = path.join(ROOT, "reports/reliability");

function currentCommit(): string {
  try {
    const sha = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: ROOT, encoding: "utf8" }).trim() !== "";
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return "unknown";
  }
}

function loadSaved(suite: Suite): SavedReport | null {
  const file = path.join(SAVED, `${suite.id}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SavedReport) : null;
}

async function main(): Promise<number> {
  const { fast, only } = parseArgs(process.argv.slice(2));
  const all = await loadSuites();
  const unknown = (only ?? []).filter((id) => !all.some((s) => s.id === id));
  if (unknown.length) {
    console.error(`unknown suite(s): ${unknown.join(", ")}; known: ${all.map((s) => s.id).join(", ")}`);
    return 2;
  }
  const chosen = all.filter((s) => (only ? only.includes(s.id) : fast ? s.fast : true));
  const reports: SuiteReport[] = [];
  for (const suite of chosen) {
    console.log(`\n[reliability] ${suite.id} …`);
    const report = await runBounded(suite);
    reports.push(report);
    const saved: SavedReport = { ...report, ranAt: new Date().toISOString(), commit: currentCommit() };
    mkdirSync(SAVED, { recursive: true });
    writeFileSync(path.join(SAVED, `${suite.id}.json`), JSON.stringify(saved, null, 1));
    for (const c of report.checks) console.log(`  ${c.ok ? "✓" : "✗"} ${c.name}${c.detail && !c.ok ? `\n      ${c.detail.split("\n").join("\n      ")}` : ""}`);
    for (const f of report.figures) console.log(`    ${f.label}: ${f.value}`);
    console.log(`  (${(report.durationMs / 1000).toFixed(1)} s)`);
  }

  mkdirSync(path.join(ROOT, "reports"), { recursive: true });
  const checks = reports.flatMap((r) => r.checks.map((c) => ({ suite: r.suite, ...c })));
  writeFileSync(path.join(ROOT, "reports/reliability.json"), JSON.stringify({ reliability: checks }, null, 2));
  if (!fast) {
    const saved = all.map((s) => ({ suite: s, report: loadSaved(s) }));
    const missing = saved.filter((x) => x.report === null).map((x) => x.suite.id);
    if (missing.length) {
      console.log(`\nRELIABILITY.md left alone: no saved report of ${missing.join(", ")} (run them with --only)`);
    } else {
      const machine = `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
      writeFileSync(
        path.join(ROOT, "RELIABILITY.md"),
        renderReliabilityMarkdown(
          saved.map((x) => x.report!),
          { command: "npm run test:reliability", machine },
        ),
      );
      console.log("\nwrote RELIABILITY.md");
    }
  }
  const failed = checks.filter((c) => !c.ok).length;
  console.log(`\n[reliability] ${checks.length - failed} checks held, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
