// Prints the closing lines of the whole run from the runners' JSON reports: every test that failed
// (or passed only on a retry) by name, then "N passed, N failed". CI keeps only the tail of a run's
// output, so what failed must be said here, last.
import { readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
/** @type {string[]} */
const failures = [];

/** Playwright nests suites (file → describe → …); specs hold one test per project. */
function playwrightFailures(suite, titles, label) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      if (test.status === "unexpected" || test.status === "flaky") {
        const name = [...titles, spec.title].filter(Boolean).join(" › ");
        const how = test.status === "flaky" ? "flaky (passed on a retry)" : "failed";
        failures.push(`${label} [${test.projectName}] ${spec.file}:${spec.line} › ${name}: ${how}`);
      }
    }
  }
  for (const child of suite.suites ?? []) {
    playwrightFailures(child, [...titles, child.title === suite.file ? "" : child.title], label);
  }
}

for (const file of process.argv.slice(2)) {
  const label = file.replace(/^.*\//, "").replace(/\.json$/, "");
  let report;
  try {
    report = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    failures.push(`${label}: missing test report ${file}`);
    failed += 1;
    continue;
  }
  if ("numPassedTests" in report) {
    // vitest (jest-compatible JSON)
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    for (const suite of report.testResults ?? []) {
      for (const t of suite.assertionResults ?? []) {
        if (t.status === "failed") failures.push(`${label} ${suite.name} › ${t.fullName}: failed`);
      }
      if (suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed")) {
        failures.push(`${label} ${suite.name}: ${(suite.message ?? "failed to run").split("\n")[0]}`);
      }
    }
  } else if (Array.isArray(report.reliability)) {
    // test/reliability/run.ts: one entry per check
    for (const c of report.reliability) {
      if (c.ok) passed += 1;
      else {
        failed += 1;
        failures.push(`${label} ${c.suite} › ${c.name}: failed`);
      }
    }
  } else if (report.stats) {
    // Playwright
    passed += report.stats.expected;
    failed += report.stats.unexpected + report.stats.flaky;
    skipped += report.stats.skipped;
    for (const suite of report.suites ?? []) playwrightFailures(suite, [], label);
    for (const error of report.errors ?? []) {
      failures.push(`${label}: ${String(error.message ?? error).split("\n")[0]}`);
    }
  }
}
if (failures.length > 0) {
  console.log("Failed:");
  for (const f of failures) console.log(`  ${f}`);
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || skipped > 0 ? 1 : 0);
