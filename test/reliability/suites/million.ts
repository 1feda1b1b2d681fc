/**
 * The million-span journey (e2e/million-span-trace.spec.ts) at full size: a 1,000,000-span trace
 * opens, scrolls to its end, is searched, stepped through its failures, and a span deep in it is
 * found from its log line and from a link. `npm test` runs the same journey at 100,000 spans (the
 * same windowed view; a million spans' ingest alone takes minutes on 2 cores).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import type { Suite } from "../suite";

const ROOT = path.resolve(__dirname, "../../..");
const SPANS = 1_000_000;

const suite: Suite = {
  id: "million",
  order: 60,
  fast: false,
  timeoutMs: 30 * 60_000,
  async run() {
    const started = Date.now();
    const run = spawnSync(
      process.execPath,
      [path.join(ROOT, "node_modules/@playwright/test/cli.js"), "test", "e2e/million-span-trace.spec.ts", "--reporter=line"],
      {
        cwd: ROOT,
        env: { ...process.env, E2E_MILLION_SPANS: String(SPANS), SIGHTLINE_E2E_SERVERS: "none" },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const output = `${run.stdout ?? ""}${run.stderr ?? ""}`;
    const passed = Number(/(\d+) passed/.exec(output)?.[1] ?? 0);
    return {
      suite: "million",
      title: "A million-span trace in the windowed view",
      durationMs: Date.now() - started,
      method: `Playwright runs e2e/million-span-trace.spec.ts with E2E_MILLION_SPANS=${SPANS} on its own server and store (port 3160 + E2E_PORT_OFFSET).`,
      checks: [
        {
          name: `the million-span journeys pass (${passed} passed)`,
          ok: run.status === 0 && passed > 0,
          detail: run.status === 0 ? undefined : output.slice(-4000),
        },
      ],
      figures: [{ label: "journey wall clock", value: `${((Date.now() - started) / 1000).toFixed(0)} s` }],
    };
  },
};

export default suite;
