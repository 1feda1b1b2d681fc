/** @type {import('next').NextConfig} */
const nextConfig = {
  // A self-contained server folder (server.js and only the node_modules it needs, the native addon
  // included), assembled by scripts/build-standalone.sh and run with `node server.js`.
  output: "standalone",
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // prom-client and pino: one copy per process (every route and instrumentation.ts count into
  // the same registry and write to the same log), loaded from node_modules.
  // The OpenTelemetry SDK: one tracer provider, registered by instrumentation.ts, for Next.js'
  // own spans and the AWS calls' (lib/self-tracing).
  serverExternalPackages: [
    "better-sqlite3",
    "prom-client",
    "pino",
    "compression",
    "@opentelemetry/api",
    "@opentelemetry/sdk-trace-base",
    "@opentelemetry/exporter-trace-otlp-proto",
    "@opentelemetry/context-async-hooks",
  ],
  // Never in the server folder: a database the app wrote while run from the checkout (DATA_DIR
  // defaults to ./data; a stray sightline.db, -wal, -shm anywhere in the repository), and the
  // benchmarks' results and data directories. "*" matches every route's trace. Measured with
  // Turbopack (16.4): the stray files came in through instrumentation.js's trace, which these
  // excludes do not reach; the store's paths are marked turbopackIgnore for that
  // (lib/sources/local/store), and scripts/build-standalone.sh sweeps what might still slip in.
  outputFileTracingExcludes: {
    "*": ["./**/sightline.db*", "./bench/results/**/*"],
  },
  // Responses are compressed by lib/http/request-observer.ts (br and gzip, route handlers' JSON
  // included, which Next.js' own compression leaves alone).
  compress: false,
  poweredByHeader: false,
  // No next/image here: without the optimizer there is no server-side fetch of URLs a client names.
  images: { unoptimized: true },
  experimental: {
    // proxy.ts makes Next.js buffer request bodies; past this size it would silently hand routes a
    // truncated body. The largest body a proxied route takes is a snapshot import (16 MiB,
    // lib/snapshots/snapshot-requests.ts); OTLP ingest is not proxied.
    proxyClientMaxBodySize: "17mb",
  },
  reactStrictMode: true,
  // Trace IDs and snapshots are addressed by URL; keep URLs exactly as typed.
  skipTrailingSlashRedirect: true,
  // On every response, static files and OTLP answers included. The Content-Security-Policy is
  // set per request by proxy.ts (pages need a fresh nonce); static files get "nothing" here.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // Trace IDs are in our URLs: tell other sites nothing about where a click came from.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          // Shared trace links must never be crawled into running (billed) queries; see also app/robots.ts.
          { key: "X-Robots-Tag", value: "noindex, nofollow" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
        ],
      },
      {
        // A worker's policy is its script's own response header: the service map's layout worker
        // (a build chunk) loads the other chunks it needs with importScripts from our origin.
        source: "/_next/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; script-src 'self'; frame-ancestors 'none'" }],
      },
      {
        source: "/v1/:path*",
        headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }],
      },
    ];
  },
};

module.exports = nextConfig;
