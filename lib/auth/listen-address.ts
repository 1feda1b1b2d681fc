/**
 * Where the server listens, as far as the process can tell before it does: `next start`'s
 * -H/--hostname (Next.js runs the server in the process that parsed them), else HOSTNAME for a
 * standalone server.js, else every interface (Next.js' default).
 */
export function listenHost(argv: readonly string[], env: Record<string, string | undefined>): string {
  const start = argv.findIndex((a, i) => a === "start" && i >= 1 && /next(\.js)?$/.test(argv[i - 1] ?? ""));
  if (start >= 0) {
    for (let i = start + 1; i < argv.length; i++) {
      const a = argv[i];
      if ((a === "-H" || a === "--hostname") && argv[i + 1] !== undefined) return argv[i + 1];
      if (a.startsWith("--hostname=")) return a.slice("--hostname=".length);
    }
    return "0.0.0.0";
  }
  return env.HOSTNAME?.trim() || "0.0.0.0";
}

/** Loopback only: 127.0.0.0/8, ::1, localhost. Everything else (0.0.0.0, ::, a LAN address) is reachable from elsewhere. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}
