/**
 * npm run bench:bundle — the JavaScript a browser loads for each page on a cold visit, from the
 * production build's manifests: the framework's root chunks (build-manifest.json rootMainFiles)
 * and the page's and its layouts' entry chunks (page_client-reference-manifest.js entryJSFiles),
 * each chunk counted once. Sizes as stored, and as sent with brotli (quality 4, what the server
 * sends browsers: lib/http/request-observer.ts) and gzip. Chunks loaded later (the service map's
 * layout worker, dynamic imports) are not first-load and not counted. Prints figures; asserts nothing.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const NEXT = path.resolve(__dirname, "../.next");

interface ClientManifest {
  entryJSFiles?: Record<string, string[]>;
}

function pageManifests(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...pageManifests(full));
    else if (name === "page_client-reference-manifest.js") found.push(full);
  }
  return found;
}

function readClientManifest(file: string): Record<string, ClientManifest> {
  const sandbox = { globalThis: {} as { __RSC_MANIFEST?: Record<string, ClientManifest> } };
  vm.runInNewContext(readFileSync(file, "utf8"), sandbox);
  return sandbox.globalThis.__RSC_MANIFEST ?? {};
}

const sizes = new Map<string, { raw: number; br: number; gzip: number }>();
function sizeOf(chunk: string) {
  let s = sizes.get(chunk);
  if (!s) {
    const body = readFileSync(path.join(NEXT, chunk));
    s = {
      raw: body.length,
      br: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }).length,
      gzip: gzipSync(body, { level: 6 }).length,
    };
    sizes.set(chunk, s);
  }
  return s;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main() {
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const rows: { page: string; chunks: number; raw: number; br: number; gzip: number }[] = [];
  for (const file of pageManifests(path.join(NEXT, "server/app"))) {
    for (const [route, manifest] of Object.entries(readClientManifest(file))) {
      const page = route.replace(/\/page$/, "") || "/";
      if (page.startsWith("/_")) continue;
      const chunks = new Set(build.rootMainFiles);
      for (const [entry, files] of Object.entries(manifest.entryJSFiles ?? {})) {
        if (entry.endsWith("/page") || entry.endsWith("/layout")) for (const f of files) chunks.add(f);
      }
      const total = { raw: 0, br: 0, gzip: 0 };
      for (const c of chunks) {
        const s = sizeOf(c);
        total.raw += s.raw;
        total.br += s.br;
        total.gzip += s.gzip;
      }
      rows.push({ page, chunks: chunks.size, ...total });
    }
  }
  rows.sort((a, b) => a.page.localeCompare(b.page));
  console.log(`First-load JavaScript per page (build ${readFileSync(path.join(NEXT, "BUILD_ID"), "utf8").trim()})\n`);
  console.log("| page | chunks | stored | brotli (sent to browsers) | gzip |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| \`${r.page}\` | ${r.chunks} | ${kb(r.raw)} | ${kb(r.br)} | ${kb(r.gzip)} |`);
}

main();
