/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Trace IDs and snapshots are addressed by URL; keep URLs exactly as typed.
  skipTrailingSlashRedirect: true,
};

module.exports = nextConfig;
