/**
 * npx tsx bench/outline-stored.ts — the stored outline through the production server: ingests a
 * 100,000-span trace of issue 14's shape over OTLP/JSON, waits for its outline to be stored (the
 * worker thread, once the trace has settled), then times three loads of the trace page (server
 * render with the first rows) and of a window of 200 rows in the middle. Prints the load average.
 */
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { startAppServer, waitForExit } from "../e2e/support/app-server";
import { buildShapedTrace, ingestShapedTrace } from "../e2e/support/shaped-trace";
(async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sl-stored-"));
  const server = await startAppServer(4391, { DATA_DIR: dataDir, RETENTION_DAYS: "36500" });
  try {
    const t = buildShapedTrace(100_000, { logEvery: 100 });
    await ingestShapedTrace(server.url, t);
    const t0 = Date.now();
    for (;;) {
      await new Promise((r) => setTimeout(r, 2000));
      const Database = (await import("better-sqlite3")).default;
      const db = new Database(path.join(dataDir, "sightline.db"), { readonly: true });
      const h = db
        .prepare("SELECT o.span_count FROM trace_outlines o JOIN traces t USING (trace_key) WHERE t.trace_id = ? AND o.span_count = t.span_count")
        .get(t.traceId);
      db.close();
      if (h) {
        console.log("stored after", Date.now() - t0, "ms", h, "load", os.loadavg()[0]);
        break;
      }
      if (Date.now() - t0 > 240_000) {
        console.log("not stored");
        break;
      }
    }
    for (let i = 0; i < 3; i++) {
      const a = Date.now();
      const r = await fetch(`${server.url}/trace/${t.traceId}`);
      const html = await r.text();
      const b = Date.now();
      const rows = await fetch(`${server.url}/api/traces/${t.traceId}/rows?offset=50000&limit=200`);
      const page = (await rows.json()) as { total: number; rows: { span: { spanId: string } }[] };
      console.log(
        "page",
        r.status,
        b - a,
        "ms",
        html.length,
        "bytes; rows@50000",
        Date.now() - b,
        "ms",
        page.total,
        page.rows[0].span.spanId === t.order[50000],
        "load",
        os.loadavg()[0],
      );
    }
  } finally {
    server.process.kill("SIGKILL");
    await waitForExit(server.process);
  }
})();
